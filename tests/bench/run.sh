#!/usr/bin/env bash
# The benchmark's code lives in tools/bench/ (a development tool, apart from the product) so that
# it is compiled into dist/ with the rest (tests/ is not part of tsconfig.build.json) and its
# baseline processes can be spawned from dist/ like the product's own. This script is the entry
# point under tests/bench/.
#   tests/bench/run.sh            # = npm run bench          (default: 20,000 tips, reports at 100 k and 1 M)
#   tests/bench/run.sh --quick    # 2,000 tips, 5 s per offered rate, reports at 100 k
#   tests/bench/run.sh --full     # adds the 10 M-tip report year
#   tests/bench/run.sh --smoke    # what CI runs (tests/bench/bench-quick.int-spec.ts)
#   --tips=N overrides the tip count; --profile writes V8 CPU profiles to bench-results/profiles/.
#   --reports-only [--report-sizes=a,b] only the report years; with --reuse, kept in the bench
#   database and timed again (BENCH_DATABASE_URL names another database).
#   --uploads-only [--upload-slots=N] only the parallel evidence uploads, with the API's RSS.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec npm run bench -- "$@"
