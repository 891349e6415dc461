import { publicStatus } from './public-tips.service';

describe('publicStatus', () => {
  it('maps stages to three coarse states', () => {
    expect(publicStatus('received', null)).toBe('received');
    expect(publicStatus('triaged', null)).toBe('received');
    expect(publicStatus('lead_open', null)).toBe('under_review');
    expect(publicStatus('duplicate', null)).toBe('under_review');
    expect(publicStatus('lead_claimed', null)).toBe('under_review');
    expect(publicStatus('linked', 'open')).toBe('under_review');
    expect(publicStatus('linked', 'resolved')).toBe('closed');
    expect(publicStatus('rejected', null)).toBe('closed');
    expect(publicStatus('dismissed', null)).toBe('closed');
  });
});
