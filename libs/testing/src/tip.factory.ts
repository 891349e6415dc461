import { loadReference } from '@app/config';
import { generateYearTips, ScenarioTip } from '@tools/scenario';

let originals: ScenarioTip[] | null = null;
let next = 0;

/**
 * A realistic intake body (operator channel): the text and category of the next original report
 * of the generated year, so consecutive tips describe different events. Overridable per test.
 */
export function newTip(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  originals ??= generateYearTips({ wards: loadReference().wards, seed: 777 }).filter(
    (t) => t.truth.kind === 'original',
  );
  const t = originals[next++ % originals.length];
  return {
    channel: 'hotline',
    category: t.category,
    ward: 'Phường 1',
    description: t.description,
    anonymous: true,
    ...overrides,
  };
}
