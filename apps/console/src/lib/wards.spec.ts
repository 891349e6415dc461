import { fold, resolveWard } from './wards';

const WARDS = ['Phường 1', 'Phường 2', 'Phường 10', 'Phường 13', 'Phường 18', 'Xã Đông Thạnh'];

describe('resolveWard', () => {
  it('takes the exact name in any case, with or without diacritics', () => {
    expect(resolveWard('Phường 13', WARDS)).toBe('Phường 13');
    expect(resolveWard('  phuong   13 ', WARDS)).toBe('Phường 13');
    expect(resolveWard('xa dong thanh', WARDS)).toBe('Xã Đông Thạnh');
  });

  it('takes the number alone, or with p / P. / phường before it', () => {
    expect(resolveWard('13', WARDS)).toBe('Phường 13');
    expect(resolveWard('p13', WARDS)).toBe('Phường 13');
    expect(resolveWard('P.1', WARDS)).toBe('Phường 1');
    expect(resolveWard('phường 10', WARDS)).toBe('Phường 10');
    expect(resolveWard('010', WARDS)).toBe('Phường 10');
  });

  it('gives null for an unknown or empty ward', () => {
    expect(resolveWard('', WARDS)).toBeNull();
    expect(resolveWard('7', WARDS)).toBeNull();
    expect(resolveWard('Phường 1 và 2', WARDS)).toBeNull();
    expect(resolveWard('Quận 4', WARDS)).toBeNull();
  });

  it('folds Vietnamese diacritics', () => {
    expect(fold('Đường Khánh Hội')).toBe('duong khanh hoi');
  });
});
