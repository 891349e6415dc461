/**
 * Pairwise precision and recall of duplicate detection: two tips are a pair when they report the
 * same event. Pairs make the measure independent of which report triage happened to see first.
 */
export interface DuplicateScore {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
}

function pairs(groups: Map<string, string[]>): Set<string> {
  const out = new Set<string>();
  for (const members of groups.values()) {
    const sorted = [...members].sort();
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) out.add(`${sorted[i]}|${sorted[j]}`);
    }
  }
  return out;
}

function group(assign: Map<string, string>): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const [item, key] of assign) g.set(key, [...(g.get(key) ?? []), item]);
  return g;
}

/** `truth` and `predicted` map each tip to the key of its event (its own key when alone). */
export function scoreDuplicates(
  truth: Map<string, string>,
  predicted: Map<string, string>,
): DuplicateScore {
  const t = pairs(group(truth));
  const p = pairs(group(predicted));
  let correct = 0;
  for (const pair of p) if (t.has(pair)) correct++;
  return {
    truePairs: t.size,
    predictedPairs: p.size,
    correctPairs: correct,
    precision: p.size === 0 ? 1 : correct / p.size,
    recall: t.size === 0 ? 1 : correct / t.size,
  };
}
