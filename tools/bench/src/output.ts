import type { BenchResults, Target } from './results';

const n = (x: number) => x.toLocaleString('en-US');
const ms = (x: number | undefined | null) => (x === undefined || x === null ? 'n/a' : `${x} ms`);
const tipsK = (t: number) => (t >= 1_000_000 ? `${t / 1_000_000} M` : `${t / 1000} k`);

export function targets(r: BenchResults): Target[] {
  const at200 = r.pipeline.rates.find((x) => x.rate === 200);
  const at20 = r.pipeline.rates.find((x) => x.rate === 20);
  const largest = r.reports[r.reports.length - 1];
  const out: Target[] = [
    {
      name: 'end-to-end vs baseline',
      target: '≥ 30 %',
      value: `${(r.ratio * 100).toFixed(1)} % (${r.pipeline.saturation.tipsPerSec} / ${r.baseline.itemsPerSec} per s)`,
      met: r.ratio >= 0.3,
    },
    {
      name: 'p99 submit → lead_open at 200 tips/s',
      target: '< 250 ms',
      value: at200 ? `${at200.pipeline.submitToLeadMs.p99} ms` : 'not measured',
      met: at200 ? at200.pipeline.submitToLeadMs.p99 < 250 : null,
    },
    {
      name: 'p99 submit → lead_open at 20 tips/s',
      target: '< 50 ms',
      value: at20 ? `${at20.pipeline.submitToLeadMs.p99} ms` : 'not measured',
      met: at20 ? at20.pipeline.submitToLeadMs.p99 < 50 : null,
    },
    {
      name: `claim p99, ${r.claims.claimers} concurrent claimers`,
      target: '< 50 ms',
      value: `${r.claims.latencyMs.p99} ms`,
      met: r.claims.latencyMs.p99 < 50,
      note: [
        'closed loop: each claimer claims again the moment it is answered',
        ...(r.claims.warmup
          ? [
              `after ${r.claims.warmup.claims} claims unmeasured, whose p99 was ${r.claims.warmup.latencyMs.p99} ms (the first up to ${r.claims.warmup.firstMs} ms)`,
            ]
          : []),
        `at ${r.pacedClaims.offeredPerSec} claims/s offered by the same claimers: p99 ${r.pacedClaims.latencyMs.p99} ms`,
        ...(r.claims.claimers === 50 ? [] : ['fewer claimers than the target specifies']),
      ].join('; '),
    },
  ];
  if (largest) {
    // Every funnel query timed (year, ward, month, cut days, ...): the slowest is the figure.
    const [slowName, slowMs] = Object.entries(largest.funnels ?? {}).reduce<
      [string, number | null]
    >(
      (a, [k, v]) => (v && (a[1] === null || v.p50 > a[1]) ? [k, v.p50] : a),
      ['year', largest.funnelMs?.p50 ?? null],
    );
    const worst = Math.max(largest.annualMs?.p50 ?? Infinity, slowMs ?? Infinity);
    out.push({
      name: `reports at ${tipsK(largest.tips)} tips (p50)`,
      target: '< 100 ms at 10 M',
      value: `annual ${ms(largest.annualMs?.p50)}, slowest funnel ${ms(slowMs)} (${slowName})`,
      met: largest.tips >= 10_000_000 ? worst < 100 : null,
      note:
        largest.tips < 10_000_000
          ? `measured at ${tipsK(largest.tips)} only (10 M with --full)`
          : undefined,
    });
  }
  out.push({
    name: '1 M tips intake → leads',
    target: '< 60 min, measured',
    value: `${r.extrapolation.oneMillionTipsMinutes} min (extrapolated)`,
    met: null,
    note: `${r.extrapolation.basis}; measured only by \`npm run bench -- --million\``,
  });
  return out;
}

/** CPU-ms per process, then PostgreSQL's commits, statements and WAL bytes, per tip. */
export function perTipText(p: BenchResults['pipeline']['perTip']): string {
  const cpu = Object.entries(p.cpuMs)
    .map(([k, v]) => `${k} ${v ?? '?'}`)
    .join(', ');
  const wal = p.pg.walByRecord
    ?.slice(0, 5)
    .map(
      (w) =>
        `${w.record} ${n(Math.round(w.bytes))}${w.fpiBytes > 0 ? ` (${n(Math.round(w.fpiBytes))} page images)` : ''}`,
    )
    .join(', ');
  return `CPU-ms ${cpu}; ${p.pg.commits} commits, ${p.pg.statements ?? 'n/a'} statements, ${n(Math.round(p.pg.walBytes))} WAL bytes${wal ? ` (most: ${wal})` : ''}`;
}

const mark = (m: boolean | null) => (m === null ? '—' : m ? 'met' : 'MISSED');

export function table(r: BenchResults): string {
  const rows: [string, string][] = [];
  const s = r.pipeline.saturation;
  rows.push([
    `intake, ${n(r.intake.requests)} tips, ${r.config.options.concurrency} connections`,
    `${n(r.intake.acceptedPerSec)} accepted/s; HTTP p50 ${r.intake.latencyMs.p50} ms, p99 ${r.intake.latencyMs.p99} ms`,
  ]);
  rows.push([
    'pipeline at saturation (first submit → last lead)',
    `${n(s.tipsPerSec)} tips/s in ${(s.wallMs / 1000).toFixed(1)} s; submit→lead p50 ${s.submitToLeadMs.p50} / p95 ${s.submitToLeadMs.p95} / p99 ${s.submitToLeadMs.p99} ms`,
  ]);
  const b = r.baseline;
  rows.push([
    `bare BullMQ baseline, ${b.concurrency} in flight per stage, ${r.config.options.rounds} rounds`,
    `${n(b.itemsPerSec)} items/s (median of ${b.rounds.join(', ')}) over ${(b.measured.ms / 1000).toFixed(1)} s after a ${(b.warmupMs / 1000).toFixed(0)} s warm-up; product rounds ${r.pipeline.saturationRounds.join(', ')} tips/s; ratio of medians ${(r.ratio * 100).toFixed(1)} %`,
  ]);
  rows.push(['per tip, product (median round)', perTipText(r.pipeline.perTip)]);
  rows.push([
    'per item, baseline (median round)',
    perTipText({ cpuMs: b.cpuMsPerItem, pg: b.pgPerItem }),
  ]);
  for (const x of r.pipeline.rates) {
    rows.push([
      `offered ${x.rate} tips/s for ${r.config.options.rateSeconds} s`,
      `achieved ${n(x.pipeline.tipsPerSec)} tips/s; submit→lead p50 ${x.pipeline.submitToLeadMs.p50} / p95 ${x.pipeline.submitToLeadMs.p95} / p99 ${x.pipeline.submitToLeadMs.p99} ms; HTTP p99 ${x.http.latencyMs.p99} ms${x.http.dropped ? `; ${x.http.dropped} not offered (sender past 2× its time)` : ''}`,
    ]);
  }
  const c = r.claims;
  if (c.warmup)
    rows.push([
      `claims warm-up (unmeasured), ${c.claimers} claimers, ${n(c.warmup.claims)} claims`,
      `${n(c.warmup.claimsPerSec)} claims/s; p50 ${c.warmup.latencyMs.p50} ms, p99 ${c.warmup.latencyMs.p99} ms; the first up to ${c.warmup.firstMs} ms`,
    ]);
  rows.push([
    `claims, ${c.claimers} claimers over ${n(c.openLeads)} open leads`,
    `${n(c.claimsPerSec)} claims/s; p50 ${c.latencyMs.p50} ms, p99 ${c.latencyMs.p99} ms; ${c.doubleClaims} double`,
  ]);
  const pc = r.pacedClaims;
  rows.push([
    `claims, ${pc.claimers} claimers, ${n(pc.offeredPerSec)}/s offered for ${pc.seconds} s`,
    `${n(pc.claims)} claimed; p50 ${pc.latencyMs.p50} ms, p99 ${pc.latencyMs.p99} ms; ${pc.late} late; ${pc.doubleClaims} double`,
  ]);
  for (const rep of r.reports) {
    rows.push([
      `reports at ${tipsK(rep.tips)} tips`,
      `annual p50 ${ms(rep.annualMs?.p50)} (max ${ms(rep.annualMs?.max)}); funnel ${rep.funnelMs ? `p50 ${ms(rep.funnelMs.p50)}` : `n/a (${rep.funnelStatus})`}`,
    ]);
  }
  for (const u of r.uploads.rounds) rows.push(uploadRow(u));
  rows.push([
    'peak RSS (MB)',
    Object.entries(r.memory.peakRssMb)
      .map(([k, v]) => `${k} ${v ?? '?'}`)
      .join(', '),
  ]);
  rows.push([
    'Redis after the run',
    `used_memory ${r.memory.redisUsedMemoryMb} MB; ${n(r.memory.redisKeysUnderPrefix)} keys under the bench prefix`,
  ]);
  const w = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`);
  lines.push('', '  targets:');
  for (const t of r.targets) {
    lines.push(
      `    ${mark(t.met).padEnd(6)} ${t.name}: ${t.value} (target ${t.target})${t.note ? ` — ${t.note}` : ''}`,
    );
  }
  return lines.join('\n');
}

export function readmeSection(r: BenchResults): string {
  const m = r.machine;
  const s = r.pipeline.saturation;
  const md: string[] = [];
  md.push('## Performance', '');
  md.push(
    `\`npm run bench\` builds, starts the real stack from \`dist/\` (API and every worker as separate`,
    `processes) on a fresh database (\`<name>_bench\`) and queue prefix, runs a bare three-stage BullMQ`,
    `chain in the same run as the baseline, and writes \`bench-results/latest.json\`. \`--quick\` is a`,
    `shorter run (CI runs \`--smoke\` only, to prove it works; it asserts no timing).`,
    '',
    `Latest run (\`npm run bench${r.mode === 'default' ? '' : ` -- --${r.mode}`}\`, ${r.startedAt.slice(0, 10)}): ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB,`,
    `Node ${m.node}, PostgreSQL ${m.postgres}, Redis ${m.redis}; everything on one machine;`,
    `${r.config.httpAdapter} adapter, WORKER_CONCURRENCY=${r.config.workerConcurrency}, DATABASE_POOL_SIZE=${r.config.databasePoolSize}, LOG_LEVEL=${r.config.logLevel}.`,
    '',
    '| measure | result |',
    '| --- | --- |',
  );
  const row = (k: string, v: string) => md.push(`| ${k} | ${v} |`);
  row(
    `intake: ${n(r.intake.requests)} tips POSTed over ${r.config.options.concurrency} connections`,
    `${n(r.intake.acceptedPerSec)} tips/s accepted; HTTP p50 ${r.intake.latencyMs.p50} ms, p99 ${r.intake.latencyMs.p99} ms`,
  );
  row(
    'pipeline at saturation, first submit → last lead',
    `${n(s.tipsPerSec)} tips/s; submit → lead_open p50 ${s.submitToLeadMs.p50} ms, p95 ${s.submitToLeadMs.p95} ms, p99 ${s.submitToLeadMs.p99} ms`,
  );
  row(
    `bare BullMQ + pg baseline (same run, ${r.baseline.concurrency} in flight per stage, median of ${r.baseline.rounds.length})`,
    `${n(r.baseline.itemsPerSec)} items/s → product at **${(r.ratio * 100).toFixed(1)} %**`,
  );
  row('per tip, product', perTipText(r.pipeline.perTip));
  row(
    'per item, baseline',
    perTipText({ cpuMs: r.baseline.cpuMsPerItem, pg: r.baseline.pgPerItem }),
  );
  for (const x of r.pipeline.rates) {
    row(
      `offered ${x.rate} tips/s (${r.config.options.rateSeconds} s)`,
      `submit → lead_open p50 ${x.pipeline.submitToLeadMs.p50} ms, p95 ${x.pipeline.submitToLeadMs.p95} ms, p99 ${x.pipeline.submitToLeadMs.p99} ms`,
    );
  }
  row(
    `claims: ${r.claims.claimers} concurrent claimers, ${n(r.claims.openLeads)} open leads`,
    `${n(r.claims.claimsPerSec)} claims/s; p50 ${r.claims.latencyMs.p50} ms, p99 ${r.claims.latencyMs.p99} ms; no lead claimed twice: ${r.claims.doubleClaims === 0 ? 'yes' : 'NO'}`,
  );
  row(
    `claims: the same claimers at ${n(r.pacedClaims.offeredPerSec)} claims/s offered (${r.pacedClaims.seconds} s)`,
    `p50 ${r.pacedClaims.latencyMs.p50} ms, p99 ${r.pacedClaims.latencyMs.p99} ms; no lead claimed twice: ${r.pacedClaims.doubleClaims === 0 ? 'yes' : 'NO'}`,
  );
  for (const rep of r.reports) {
    row(
      `reports at ${tipsK(rep.tips)} tips`,
      `annual ${ms(rep.annualMs?.p50)}; funnel ${rep.funnelMs ? ms(rep.funnelMs.p50) : 'n/a (route not there yet)'}`,
    );
  }
  row(
    'peak RSS per process',
    Object.entries(r.memory.peakRssMb)
      .map(([k, v]) => `${k} ${v ?? '?'} MB`)
      .join(', '),
  );
  row('Redis used_memory after the run', `${r.memory.redisUsedMemoryMb} MB`);
  md.push('', '| target | result | |', '| --- | --- | --- |');
  for (const t of r.targets) {
    md.push(
      `| ${t.name} ${t.target} | ${t.value}${t.note ? ` (${t.note})` : ''} | ${mark(t.met)} |`,
    );
  }
  md.push(
    '',
    'Figures on a shared machine drift from run to run; the ratio to the in-run baseline is the one to',
    'compare. Reproduce with `npm run bench` (about 10 minutes; `-- --quick` about 2, `-- --full` adds',
    'the 10 M-tip report year).',
    '',
  );
  return md.join('\n');
}

/** Report response times (p50, ms) per size: the annual report and each funnel query. */
export function reportsTable(reports: BenchResults['reports']): string {
  const names = [...new Set(reports.flatMap((r) => Object.keys(r.funnels ?? {})))];
  const head = [
    'tips',
    'load s',
    'projected s',
    'vacuum s',
    'annual',
    ...names.map((x) => `funnel ${x}`),
  ];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of reports) {
    lines.push(
      `| ${[
        tipsK(r.tips),
        String(Math.round(r.loadMs / 1000)),
        r.projectMs === null ? 'timed out' : String(Math.round(r.projectMs / 1000)),
        String(Math.round(r.vacuumMs / 1000)),
        ms(r.annualMs?.p50),
        ...names.map((x) => ms(r.funnels?.[x]?.p50)),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

function uploadRow(u: BenchResults['uploads']['rounds'][number]): [string, string] {
  return [
    `uploads, ${u.files} × ${u.fileMb} MB ${u.kind === 'image' ? 'photos' : 'documents'} at once (${u.slots} streaming)`,
    `${u.created}/${u.files} stored, ${u.mbPerSec} MB/s; each p50 ${u.latencyMs.p50} ms, max ${u.latencyMs.max} ms; API RSS ${u.apiRssBeforeMb} → peak ${u.apiRssPeakMb} MB (+${u.apiRssGrowthMb})`,
  ];
}

/** The upload rounds alone (`--uploads-only`). */
export function uploadsTable(uploads: BenchResults['uploads']): string {
  const rows = uploads.rounds.map(uploadRow);
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n');
}
