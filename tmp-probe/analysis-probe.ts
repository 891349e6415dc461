import { performance } from 'node:perf_hooks';
import { decideTriage, normalizeText } from '@app/triage';
import { extractEntities } from '../libs/triage/src/entities';
import { tipBodies } from '../tools/bench/src/pipeline';
import { loadReference } from '@app/config';

const wards = loadReference().wards;
const tips = tipBodies(4000, wards).map((b) => JSON.parse(b));
const now = new Date();
function run(which: string) {
  let sink = 0;
  const t0 = performance.now();
  for (const t of tips) {
    const addr = t.location?.address ?? null;
    if (which === 'norm' || which === 'all') sink += normalizeText(t.description).length;
    if (which === 'entities' || which === 'all') sink += Object.keys(extractEntities(t.description, addr)).length;
    if (which === 'decide' || which === 'all') {
      const norm = normalizeText(t.description);
      sink += decideTriage({ description: t.description, category: t.category, channel: t.channel, address: addr,
        occurredAt: t.occurredAt ? new Date(t.occurredAt) : null, receivedAt: now, normalized: norm }).verdict.length;
    }
  }
  return { ms: (performance.now() - t0) / tips.length, sink };
}
for (let r = 0; r < 5; r++) {
  const out: string[] = [];
  for (const w of ['norm', 'entities', 'decide', 'all']) out.push(`${w} ${(run(w).ms * 1000).toFixed(0)}µs`);
  console.log(out.join('  '));
}
