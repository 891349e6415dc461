import { rate, summaryText } from './annual-report.service';

describe('rate', () => {
  it('gives percentages with two decimals as the seed reports them', () => {
    expect(rate(74, 97)).toBe(76.29);
    expect(rate(44, 47)).toBe(93.62);
    expect(rate(1, 3)).toBe(33.33);
    expect(rate(2, 3)).toBe(66.67);
    expect(rate(0, 0)).toBe(0);
    expect(rate(5, 5)).toBe(100);
  });
});

describe('summaryText', () => {
  it('writes the year in the seed document’s Vietnamese register and in English', () => {
    const text = summaryText({
      year: 2023,
      criminal: {
        occurred: 97,
        solved: 74,
        clearanceRate: 76.29,
        arrests: 108,
        severe: { occurred: 47, solved: 44, clearanceRate: 93.62 },
      },
      tips: { received: 1200, casesResolved: 127, arrests: 158 },
    });
    expect(text.vi).toContain('xảy ra 97 vụ phạm pháp hình sự, khám phá 74 vụ (đạt tỷ lệ 76,29%)');
    expect(text.vi).toContain(
      'cung cấp cho Công an 1.200 nguồn tin, giúp công an giải quyết 127 vụ việc',
    );
    expect(text.vi).toContain('bắt 158 đối tượng vi phạm pháp luật');
    expect(text.en).toContain('97 criminal cases occurred');
    expect(text.en).toContain('76.29%');
    expect(text.en).toContain('1,200 tips');
  });
});
