import { databaseConfig, pipelineConfig, referenceConfig } from '@app/config';
import { checkEvalSet, DEFAULT_EVAL_SET_DIR, describeEvalSet, loadEvalSet } from './eval-set';
import { formatTriageEval, freshDatabase, runTriageEval, scoreTriageEval } from './triage-eval';

/** `<DATABASE_URL's name>_eval`, or EVAL_DATABASE_URL. */
function evalDatabaseUrl(): string {
  if (process.env.EVAL_DATABASE_URL) return process.env.EVAL_DATABASE_URL;
  const u = new URL(databaseConfig.load().url);
  u.pathname = `${u.pathname.replace(/\/$/, '') || '/tiptrace'}_eval`;
  return u.toString();
}

/**
 * `eval-triage [--set <dir>]`: runs the real triage over the hand-labelled set on a fresh
 * database of its own and prints how its decisions compare with the labels. Exits non-zero
 * only when it cannot run; the figures are for people to read, not a gate.
 */
export async function runEvalTriage(args: string[]): Promise<number> {
  const at = args.indexOf('--set');
  const dir = at >= 0 ? args[at + 1] : DEFAULT_EVAL_SET_DIR;
  if (!dir) throw new Error('--set needs a directory');
  const items = loadEvalSet(dir);
  const problems = checkEvalSet(
    items,
    referenceConfig.load().wards,
    pipelineConfig.load().duplicateWindowHours,
  );
  if (problems.length > 0) throw new Error(`evaluation set ${dir}:\n  ${problems.join('\n  ')}`);
  const s = describeEvalSet(items);
  console.log(
    `Evaluation set ${dir}: ${s.total} reports (${s.vi} Vietnamese, ${s.en} English), ` +
      `${s.urgent} urgent, ${s.junk} junk, ${s.events} events told by ${s.inEvents} reports ` +
      `(${s.truePairs} pairs)`,
  );
  const url = evalDatabaseUrl();
  await freshDatabase(url);
  const dbName = new URL(url).pathname.slice(1);
  console.log(`Database ${dbName} (recreated; kept for inspection until the next run)\n`);
  const run = await runTriageEval(url, items);
  for (const line of formatTriageEval(scoreTriageEval(items, run.outcomes), run)) console.log(line);
  return 0;
}
