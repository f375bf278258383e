#!/usr/bin/env bash
# scripts/benchmark.sh — run the benchmarks (see README "Measured"):
#   scripts/benchmark.sh --filter '*Analysis*'   in-memory BenchmarkDotNet benchmarks (no database needed)
#   scripts/benchmark.sh rescore [--votes N] [--repeat N] [--keep | --database NAME]
#                                                a full re-score of 1,000,000 (or N) votes against PostgreSQL
#   scripts/benchmark.sh http [--duration S] [--concurrency N]   the API against a bare baseline over HTTP (scripts/benchmark-http.sh)
#   scripts/benchmark.sh import [--lines N]      POST /imports of a 1,000,000-line CSV against a raw COPY of it (scripts/benchmark-import.sh)
#   scripts/benchmark.sh scale [--claims N ...] [--duration S]   growth table per read at 10k, 100k (1M, 10M) claims (scripts/benchmark-scale.sh)
# The database is ConnectionStrings__ClaimTracker when set, else a throwaway local cluster in .pgdata/bench.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

case "${1:-}" in
    http) shift; exec scripts/benchmark-http.sh "$@" ;;
    import) shift; exec scripts/benchmark-import.sh "$@" ;;
    scale) shift; exec scripts/benchmark-scale.sh "$@" ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=${DOTNET_CLI_TELEMETRY_OPTOUT:-1}
export DOTNET_NOLOGO=${DOTNET_NOLOGO:-1}

# shellcheck source=scripts/pg.sh
source scripts/pg.sh
trap 'pg_down' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_up bench
dotnet run -c Release --project tests/ClaimTracker.Benchmarks -- "$@"
