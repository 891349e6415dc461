/**
 * CI smoke for `npm run bench`: runs the benchmark in its tiny mode (--smoke: 200 tips, one
 * offered rate for 2 s, 200 leads for the claims and 20 claims/s for 2 s, a 10 k-tip report year) against the built dist/
 * and checks that it completes and writes the JSON with every key. No timing is asserted: CI
 * machines are shared and slow, and the benchmark's figures are ratios read by people.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RESULT_KEYS } from '@tools/bench';

const ROOT = resolve(__dirname, '../..');

function runSmoke(outDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['dist/tools/cli/src/main.js', 'bench', '--smoke'], {
      cwd: ROOT,
      env: { ...process.env, BENCH_OUT_DIR: outDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: string[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGTERM'), 200_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output: chunks.join('') });
    });
  });
}

describe('npm run bench (smoke)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'tiptrace-bench-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('completes and writes latest.json with every key and the README section', async () => {
    const { code, output } = await runSmoke(outDir);
    if (code !== 0) throw new Error(`bench --smoke exited ${code}:\n${output.slice(-3000)}`);
    const json = JSON.parse(readFileSync(join(outDir, 'latest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    for (const key of RESULT_KEYS) expect(json).toHaveProperty(key);
    expect(json.mode).toBe('smoke');
    expect(typeof json.ratio).toBe('number');
    expect(json).toHaveProperty('intake.acceptedPerSec');
    expect(json).toHaveProperty('pipeline.saturation.submitToLeadMs.p99');
    expect(json).toHaveProperty('baseline.itemsPerSec');
    expect(json).toHaveProperty('baseline.concurrency');
    expect((json.baseline as { rounds: number[] }).rounds).toHaveLength(3);
    expect(json).toHaveProperty('pipeline.perTip.pg.commits');
    expect(json).toHaveProperty('claims.latencyMs.p99');
    expect(json).toMatchObject({ claims: { doubleClaims: 0 }, pacedClaims: { doubleClaims: 0 } });
    expect((json.pacedClaims as { claims: number }).claims).toBeGreaterThan(0);
    expect(json).toHaveProperty('machine.cores');
    expect(Array.isArray(json.reports)).toBe(true);
    expect(Array.isArray(json.targets)).toBe(true);
    expect(readFileSync(join(outDir, 'README-section.md'), 'utf8')).toContain('## Performance');
  }, 210_000);
});
