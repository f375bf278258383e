#!/usr/bin/env bash
# scripts/benchmark-http.sh — the API against a bare baseline over HTTP (issue 13; run as `scripts/benchmark.sh http`):
#   scripts/benchmark.sh http                         10 s per step, 16 connections
#   scripts/benchmark.sh http --duration 30 --concurrency 32 --warmup 10   (warm-up per target; default: the duration)
# Starts a throwaway PostgreSQL (.pgdata/bench-http, emptied first; or ConnectionStrings__ClaimTracker, which it writes
# to), applies migrations and the sample seed, creates an editor key, then starts the API (Release) and
# tests/ClaimTracker.Baseline (raw Npgsql, same SQL results and JSON) on their own ports. For each operation it warms
# both up, then drives the API and the baseline one after the other with wrk (installed from Debian when missing and
# root) and prints requests/s, p50, p99, non-2xx answers and the API/baseline ratio; the table also goes to .bench/http.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

duration=10
concurrency=16
warmup=""
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration=${2:?--duration needs seconds}; shift 2 ;;
        --concurrency) concurrency=${2:?--concurrency needs a number}; shift 2 ;;
        --warmup) warmup=${2:?--warmup needs seconds}; shift 2 ;;
        -h | --help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done
# As long as a step by default: the first requests run on unoptimised code until tiered compilation has caught up.
warmup=${warmup:-$duration}

if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "==> installing wrk (Debian package)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null || { source scripts/apt.sh && apt_get_update && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >/dev/null; }
    else
        echo "error: wrk is not installed (sudo apt-get install wrk)" >&2
        exit 1
    fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=${DOTNET_CLI_TELEMETRY_OPTOUT:-1}
export DOTNET_NOLOGO=${DOTNET_NOLOGO:-1}

# shellcheck source=scripts/pg.sh
source scripts/pg.sh
# shellcheck source=scripts/benchmark-lib.sh
source scripts/benchmark-lib.sh
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pg_down
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM



pg_up bench-http
if [ -n "${CLAIMTRACKER_PG_PORT:-}" ]; then pg_reset_database; fi

echo "==> building (Release)"
dotnet build -c Release src/ClaimTracker.Api -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet build -c Release tests/ClaimTracker.Baseline -v quiet -nologo >>"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet build -c Release migrations/ClaimTracker.Migrations -v quiet -nologo >>"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

echo "==> applying migrations and seed data"
dotnet run --project migrations/ClaimTracker.Migrations -c Release --no-build >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
key=$(dotnet run --project migrations/ClaimTracker.Migrations -c Release --no-build -- \
    keys create --name "scripts/benchmark-http.sh" --role editor --replace --quiet)

api=http://127.0.0.1:$(free_port 5190)
# Limits far above what the run sends: the limiter still runs (its cost is the API's), but never answers 429.
ClaimTracker__RateLimits__PerKeyPerMinute=100000000 ClaimTracker__RateLimits__PerAddressPerMinute=100000000 \
    dotnet src/ClaimTracker.Api/bin/Release/net10.0/ClaimTracker.Api.dll --urls "$api" >"$work/api.log" 2>&1 &
pids+=($!)
wait_ready "$api/health/ready" "${pids[-1]}" "$work/api.log"
baseline=http://127.0.0.1:$(free_port $((${api##*:} + 1)))
dotnet tests/ClaimTracker.Baseline/bin/Release/net10.0/ClaimTracker.Baseline.dll --urls "$baseline" >"$work/baseline.log" 2>&1 &
pids+=($!)
wait_ready "$baseline/health/live" "${pids[-1]}" "$work/baseline.log"

claim=$(curl -fsS -H "X-Api-Key: $key" "$api/claims?status=confirmed&pageSize=1" | grep -o '"id":"[^"]*"' | head -n 1 | cut -d'"' -f4)
[ -n "$claim" ] || { echo "error: no confirmed claim in the seed" >&2; exit 1; }

run_wrk() { # URL SECONDS POST TARGET OUT: one wrk run
    KEY=$key BENCH_POST=$3 BENCH_PREFIX="$4-$(date +%s%N)" wrk -t2 -c"$concurrency" -d"${2}s" --timeout 60s --latency \
        -s scripts/benchmark-http.lua "$1" >"$5" 2>&1
}


summary() { # OUT: "rps p50 p99 non2xx"
    local rps p50 p99 bad
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1")
    p50=$(ms "$(awk '$1 == "50%" { print $2 }' "$1")")
    p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$1")")
    # Answers other than 2xx/3xx plus socket errors (a timeout would otherwise vanish from the latencies).
    bad=$(awk '/Non-2xx or 3xx responses:/ { n += $5 } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$1")
    echo "${rps:-0} $p50 $p99 ${bad:-0}"
}

operations=(
    "GET /health/live|/health/live|0"
    "GET /claims/{id}|/claims/$claim|0"
    "GET /claims?status=confirmed|/claims?status=confirmed|0"
    "GET /sources/yonhap|/sources/yonhap|0"
    "POST /claims|/claims|1"
)

mkdir -p .bench
report=.bench/http.md
{
    echo "## scripts/benchmark.sh http — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $duration s per step after a ${warmup} s warm-up, $concurrency connections, wrk -t2; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| operation | API req/s | baseline req/s | ratio | API p50 ms | baseline p50 ms | API p99 ms | baseline p99 ms | p99 ratio | failed API/baseline |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >"$report"

for operation in "${operations[@]}"; do
    IFS='|' read -r name path post <<<"$operation"
    echo "==> $name: warm-up ${warmup} s each, then ${duration} s API, ${duration} s baseline" >&2
    run_wrk "$api$path" "$warmup" "$post" warm-api "$work/warm.out"
    run_wrk "$baseline$path" "$warmup" "$post" warm-baseline "$work/warm.out"
    run_wrk "$api$path" "$duration" "$post" api "$work/api.out"
    run_wrk "$baseline$path" "$duration" "$post" baseline "$work/baseline.out"
    read -r a_rps a_p50 a_p99 a_bad < <(summary "$work/api.out")
    read -r b_rps b_p50 b_p99 b_bad < <(summary "$work/baseline.out")
    ratio=$(awk -v a="$a_rps" -v b="$b_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    p99_ratio=$(awk -v a="$a_p99" -v b="$b_p99" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    echo "| \`$name\` | $a_rps | $b_rps | ${ratio}× | $a_p50 | $b_p50 | $a_p99 | $b_p99 | ${p99_ratio}× | $a_bad / $b_bad |" >>"$report"
done

echo
cat "$report"
echo
echo "==> table written to $report"
