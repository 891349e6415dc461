export * from './types';
export { Rng } from './prng';
export {
  DEFAULT_SEED,
  DEFAULT_TOTAL,
  DEFAULT_YEAR,
  TIP_MIX,
  generateYearTips,
  toImportTip,
} from './generate-tips';
export { CASE_BUCKETS, SEED_FIGURES, expectedFigures, leadsOfCase, planYear } from './year-plan';
export { DISTRICT4_STREETS } from './vi-data';
