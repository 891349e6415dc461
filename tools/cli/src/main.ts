import 'reflect-metadata';
import { runBench } from '@tools/bench';
import { runDemo } from '@tools/demo';
import { runEvalTriage } from '@tools/eval';

const USAGE = `usage: node dist/tools/cli/src/main.js <command>

Development tools (the product's own commands are in dist/apps/cli/src/main.js):

  demo      replay District 4's 2023 through a fresh stack and print the figures
  bench     benchmark a fresh stack against a bare BullMQ baseline (--smoke, --quick, --full)
  eval-triage
            run triage over the hand-labelled set (tests/fixtures/triage-eval, or --set <dir>)
            on a fresh <database>_eval and print urgent, rejection, review and duplicate figures`;

async function main(argv: string[]): Promise<number> {
  switch (argv[0]) {
    case 'demo':
      return runDemo(argv.slice(1));
    case 'bench':
      return runBench(argv.slice(1));
    case 'eval-triage':
      return runEvalTriage(argv.slice(1));
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
