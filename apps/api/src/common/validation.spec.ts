import { BadRequestException } from '@nestjs/common';
import { CreateTipDto } from '@app/tips';
import { RecordArrestDto } from '@app/cases';
import { ReviewTipDto } from '@app/decisions';
import { apiValidationPipe } from './validation';

/** The 400 the global pipe gives for `body` as a `metatype`. */
async function refusal(metatype: new () => object, body: unknown) {
  try {
    await apiValidationPipe().transform(body, { type: 'body', metatype });
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestException);
    return (err as BadRequestException).getResponse() as {
      message: string[];
      errors: Record<string, string[]>;
      codes: Record<string, { code: string; args?: number[] }[]>;
    };
  }
  throw new Error('the body was accepted');
}

describe('the validation pipe: a message per field, and the rule behind each', () => {
  it('names each message’s constraint, in the same order, with its numeric bounds', async () => {
    const r = await refusal(ReviewTipDto, { decision: 'maybe', reason: 'x', priority: 101 });
    expect(r.errors.reason).toEqual(['reason must be 3 to 500 characters']);
    expect(r.codes.reason).toEqual([{ code: 'isLength', args: [3, 500] }]);
    expect(r.codes.decision).toEqual([{ code: 'isIn' }]);
    expect(r.codes.priority).toEqual([{ code: 'max', args: [100] }]);
    for (const [field, messages] of Object.entries(r.errors)) {
      expect(r.codes[field]).toHaveLength(messages.length);
    }
    expect(Object.keys(r.codes).sort()).toEqual(Object.keys(r.errors).sort());
  });

  it('dots nested fields, and reads the project’s own validators', async () => {
    const r = await refusal(CreateTipDto, {
      channel: 'hotline',
      category: 'other',
      ward: 'Nowhere',
      description: 'short',
      anonymous: false,
      occurredAt: '2999-01-01T00:00:00Z',
      tipster: { phone: '1', email: 'not-an-email' },
    });
    expect(r.codes.ward).toEqual([{ code: 'isWard' }]);
    expect(r.codes.description).toEqual([{ code: 'isLength', args: [10, 5000] }]);
    expect(r.codes.occurredAt).toEqual([{ code: 'isPastIsoTime' }]);
    expect(r.codes['tipster.phone']).toEqual([{ code: 'isLength', args: [6, 20] }]);
    expect(r.codes['tipster.email']).toEqual([{ code: 'isEmail' }]);
  });

  it('never echoes the values sent', async () => {
    const secret = 'the tipster lives at 12 Secret Street';
    const r = await refusal(RecordArrestDto, { personName: secret, arrestedAt: secret, x: 1 });
    expect(JSON.stringify(r)).not.toContain('Secret Street');
    expect(r.codes.x).toEqual([{ code: 'whitelistValidation' }]);
  });
});
