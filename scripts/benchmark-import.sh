#!/usr/bin/env bash
# scripts/benchmark-import.sh — the bulk import against a raw COPY of the same file (README "Measured"):
#   scripts/benchmark.sh import [--lines N]     default 1,000,000 lines (200,000 claims, 20,000 sources)
# Runs ImportBenchmarkTests (tests/ClaimTracker.Api.Tests) through scripts/test.sh, so on its throwaway cluster,
# with the import's debug log on, and prints rows, raw COPY and import seconds, the ratio, rows/s and the load's
# phases (each statement of ImportStaging.LoadAsync). The whole output is kept in .bench/import.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

lines=1000000
while [ $# -gt 0 ]; do
    case "$1" in
        --lines) lines=$2; shift 2 ;;
        *) echo "usage: scripts/benchmark.sh import [--lines N]" >&2; exit 2 ;;
    esac
done

mkdir -p .bench
log=.bench/import.log
rc=0
env CLAIMTRACKER_IMPORT_BENCHMARK=1 CLAIMTRACKER_IMPORT_BENCHMARK_LINES="$lines" \
    'Logging__LogLevel__ClaimTracker.Api.Features.Imports=Debug' \
    scripts/test.sh -c Release --filter ImportBenchmark --logger "console;verbosity=detailed" >"$log" 2>&1 || rc=$?

import=$(sed -n 's/^ *import \([0-9a-f-]\{36\}\): .*rows$/\1/p' "$log" | tail -n 1)
if [ "$rc" -ne 0 ] || [ -z "$import" ]; then
    tail -n 40 "$log" >&2
    echo "error: the import benchmark failed (exit $rc); see $log" >&2
    exit "${rc/#0/1}"
fi

echo "== import benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E '^ *(file:|raw COPY|POST /imports:|ratio)' "$log" | sed 's/^ */  /'
echo "== load phases (ms)"
grep -E "Import $import: .* took [0-9]+ ms" "$log" |
    sed -E "s/.*Import $import: (.*) took ([0-9]+) ms \((-?[0-9]+) rows\).*/\2\t\1 (\3 rows)/" |
    awk -F'\t' '{ printf "  %8d  %s\n", $1, $2; total += $1 } END { printf "  %8d  total\n", total }'
