import { errorFrom } from './api';

describe('errorFrom: the API’s one error shape as an ApiError', () => {
  it('keeps each field’s messages and the rule behind each', () => {
    const e = errorFrom(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: ['reason must be 3 to 500 characters'],
      errors: { reason: ['reason must be 3 to 500 characters'] },
      codes: { reason: [{ code: 'isLength', args: [3, 500] }], ward: [{ code: 'isWard' }] },
    });
    expect(e.status).toBe(400);
    expect(e.fields).toEqual({ reason: ['reason must be 3 to 500 characters'] });
    expect(e.codes).toEqual({
      reason: [{ code: 'isLength', args: [3, 500] }],
      ward: [{ code: 'isWard' }],
    });
  });

  it('takes an answer without codes, or with odd ones, without failing', () => {
    expect(errorFrom(400, { message: 'x', errors: { a: ['y'] } }).codes).toEqual({});
    const odd = errorFrom(400, { codes: { a: 'isLength', b: [{ code: 1, args: ['3', 4] }] } });
    expect(odd.codes).toEqual({ b: [{ code: '', args: [4] }] });
  });
});
