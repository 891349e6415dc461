import { SqlWhere } from './sql';

describe('SqlWhere', () => {
  it('numbers the placeholders in the order the filters are added', () => {
    const w = new SqlWhere();
    w.add('ward = ?', 'Phường 1').add('received_at >= ?', '2023-01-01T00:00:00Z');
    w.and(`(received_at, id) < (${w.param('2023-02-01T00:00:00Z')}, ${w.param('x')}::uuid)`);
    expect(w.clause).toBe(
      'WHERE ward = $1 AND received_at >= $2 AND (received_at, id) < ($3, $4::uuid)',
    );
    expect(`LIMIT ${w.param(50)}`).toBe('LIMIT $5');
    expect(w.params).toEqual(['Phường 1', '2023-01-01T00:00:00Z', '2023-02-01T00:00:00Z', 'x', 50]);
  });

  it('gives no clause without a filter', () => {
    const w = new SqlWhere();
    expect(w.clause).toBe('');
    expect(w.params).toEqual([]);
  });
});
