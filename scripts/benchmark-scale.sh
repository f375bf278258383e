#!/usr/bin/env bash
# scripts/benchmark-scale.sh — how each documented read grows with the data (issue 13; run as `scripts/benchmark.sh scale`):
#   scripts/benchmark.sh scale                               10,000 and 100,000 claims, 10 s per operation
#   scripts/benchmark.sh scale --claims 1000000 --claims 10000000 --duration 20 --warmup 5
#   scripts/benchmark.sh scale --claims 10000000 --reuse     measure again without regenerating (one size only)
# For each size it recreates the database of a throwaway local cluster (.pgdata/bench-scale), applies the migrations
# (no sample data), fills it with scripts/benchmark-scale.sql (sources with a skew, claims, reports and chains,
# evidence, audit; derived tables rebuilt and checked), starts the API (Release, rate limits far above the load),
# runs one scoring run (GET /claims/{id}/truth needs one), then drives each operation with ONE client (wrk -c1 -t1)
# and records p50 and p99. Prints a growth table (operation x size) and writes it to .bench/scale.md; p99 above
# 100 ms at 1M claims or more is marked (the issue's target). Needs a local PostgreSQL (the loader runs as superuser).
# --reuse keeps what an earlier run generated for the same single size (the database remembers its size) and only
# brings it up to the current migrations, so a large size can be generated once and measured after later changes.
# Above 2M claims no scoring run is started: a full re-score of that many claims is the rescore benchmark's subject
# and holds every vote in memory; GET /claims/{id}/truth then uses an earlier run if the database has one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sizes=()
duration=10
warmup=3
reuse=0
while [ $# -gt 0 ]; do
    case "$1" in
        --claims) sizes+=("${2:?--claims needs a number}"); shift 2 ;;
        --duration) duration=${2:?--duration needs seconds}; shift 2 ;;
        --warmup) warmup=${2:?--warmup needs seconds}; shift 2 ;;
        --reuse) reuse=1; shift ;;
        -h | --help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
[ "$reuse" -eq 0 ] || [ ${#sizes[@]} -eq 1 ] || { echo "error: --reuse takes exactly one --claims size (the database holds one)" >&2; exit 2; }
for n in "${sizes[@]}"; do
    [[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 1000 ] || { echo "error: --claims takes a whole number of at least 1000 ('$n')" >&2; exit 2; }
done
if [ -n "${ConnectionStrings__ClaimTracker:-}" ]; then
    echo "error: the scale benchmark recreates its database and loads it as superuser; unset ConnectionStrings__ClaimTracker to use a throwaway local cluster" >&2
    exit 2
fi

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
api_pid=""
stop_api() {
    if [ -n "$api_pid" ]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; api_pid=""; fi
}
cleanup() {
    stop_api
    pg_down
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM




json_field() { # FIELD: the first "FIELD":"value" of stdin
    grep -o "\"$1\":\"[^\"]*\"" | head -n 1 | cut -d'"' -f4
}

pg_up bench-scale
superuser_psql() { "$CLAIMTRACKER_PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$CLAIMTRACKER_PG_PORT" -U postgres "$@"; }

echo "==> building (Release)"
dotnet build -c Release src/ClaimTracker.Api -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet build -c Release migrations/ClaimTracker.Migrations -v quiet -nologo >>"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

mkdir -p .bench
results=$work/results # lines: size|operation|p50|p99|failed
: >"$results"

for size in "${sizes[@]}"; do
    # The generated size and time are remembered in the database, for --reuse.
    remembered=""
    if [ "$reuse" -eq 1 ]; then
        remembered=$(superuser_psql -d claimtracker -At -c "SELECT claims || ' ' || seconds FROM bench_scale_generated" 2>/dev/null || true)
    fi
    if [ "${remembered%% *}" = "$size" ]; then
        generated=${remembered#* }
        echo "==> $size claims: reusing the generated database (generated in $generated s), migrations"
        dotnet run --project migrations/ClaimTracker.Migrations -c Release --no-build -- --no-sample >"$work/migrate.log" 2>&1 ||
            { cat "$work/migrate.log" >&2; exit 1; }
    else
        [ "$reuse" -eq 0 ] || echo "==> $size claims: nothing to reuse (${remembered:-no generated database}); generating"
        echo "==> $size claims: fresh database, migrations"
        pg_reset_database
        dotnet run --project migrations/ClaimTracker.Migrations -c Release --no-build -- --no-sample >"$work/migrate.log" 2>&1 ||
            { cat "$work/migrate.log" >&2; exit 1; }

        echo "==> $size claims: generating"
        started=$(date +%s)
        superuser_psql -d claimtracker -v claims="$size" -f scripts/benchmark-scale.sql >"$work/generate.log" 2>&1 ||
            { cat "$work/generate.log" >&2; exit 1; }
        generated=$(($(date +%s) - started))
        grep -E '^==> mismatched' "$work/generate.log" >&2 || true
        sed -n '/ sources | claims/,/^(1 row)/p' "$work/generate.log" >&2
        superuser_psql -d claimtracker -c "CREATE TABLE bench_scale_generated AS SELECT $size::bigint AS claims, $generated AS seconds"
    fi
    key=$(dotnet run --project migrations/ClaimTracker.Migrations -c Release --no-build -- \
        keys create --name "scripts/benchmark-scale.sh" --role admin --replace --quiet)
    echo "==> $size claims: generated in ${generated} s" >&2
    echo "$size|generate (s)|$generated|-|0|0" >>"$results"

    api=http://127.0.0.1:$(free_port 5290)
    ClaimTracker__RateLimits__PerKeyPerMinute=100000000 ClaimTracker__RateLimits__PerAddressPerMinute=100000000 \
        dotnet src/ClaimTracker.Api/bin/Release/net10.0/ClaimTracker.Api.dll --urls "$api" >"$work/api.log" 2>&1 &
    api_pid=$!
    wait_ready "$api/health/ready" "$api_pid" "$work/api.log"

    # One scoring run, so that the truth endpoint answers from an estimate (it answers 404 without any run).
    run=""
    [ "$size" -gt 2000000 ] || run=$(curl -fsS -X POST -H "X-Api-Key: $key" "$api/scoring/runs" | json_field id || true)
    if [ -n "$run" ]; then
        echo "==> $size claims: scoring run $run" >&2
        for _ in $(seq 1 600); do
            status=$(curl -fsS -H "X-Api-Key: $key" "$api/scoring/runs/$run" | json_field status || true)
            case "$status" in succeeded | failed | cancelled) break ;; esac
            sleep 1
        done
        echo "==> scoring run: ${status:-unknown}" >&2
    fi

    busy=bench-source-1
    quiet=$(superuser_psql -d claimtracker -At -c "SELECT s.slug FROM sources s JOIN source_track_record_counts c ON c.source_id = s.id WHERE s.slug LIKE 'bench-source-%' ORDER BY c.originated + c.relayed, s.slug LIMIT 1")
    claim=$(superuser_psql -d claimtracker -At -c "SELECT id FROM claims WHERE status = 'confirmed' AND statement LIKE 'The%' ORDER BY id LIMIT 1")
    statement=$(superuser_psql -d claimtracker -At -c "SELECT statement FROM claims WHERE id = '$claim'")
    # A deep keyset page: the token after twenty pages of 100 (or the last page's, for a size with fewer claims).
    token=""
    for _ in $(seq 1 20); do
        next=$(curl -fsS -H "X-Api-Key: $key" "$api/claims?pageSize=100${token:+&pageToken=$token}" | json_field nextPageToken || true)
        [ -n "$next" ] || break
        token=$next
    done
    similar_body=$(printf '{"text":"%s"}' "$statement")

    operations=(
        "GET /claims/{id}|/claims/$claim"
        "GET /claims|/claims"
        "GET /claims?status=confirmed|/claims?status=confirmed"
        "GET /claims?topic=energy|/claims?topic=energy"
        "GET /claims?source={busy}|/claims?source=$busy"
        "GET /claims?q=pipeline|/claims?q=pipeline"
        "GET /claims?pageToken={page 21}|/claims?pageSize=100&pageToken=$token"
        "GET /claims/search?query=refinery Odesa|/claims/search?query=refinery%20Odesa"
        "POST /claims/similar|/claims/similar|body"
        "GET /sources/{busy}|/sources/$busy"
        "GET /sources/{quiet}|/sources/$quiet"
        "GET /sources?sort=-accuracy|/sources?sort=-accuracy"
        "GET /claims/{id}/truth|/claims/$claim/truth"
        "GET /audit|/audit"
        "POST /claims|/claims|post"
    )
    for operation in "${operations[@]}"; do
        IFS='|' read -r name path kind <<<"$operation"
        body=""; post=0
        [ "$kind" = body ] && body=$similar_body
        [ "$kind" = post ] && post=1
        echo "==> $size claims: $name (${warmup} s warm-up, ${duration} s measured, one client)" >&2
        for phase in warm measure; do
            seconds=$duration; [ "$phase" = warm ] && seconds=$warmup
            KEY=$key BODY=$body BENCH_POST=$post BUSY=$busy QUIET=$quiet BENCH_PREFIX="$size-$phase-$(date +%s%N)" \
                wrk -t1 -c1 -d"${seconds}s" --timeout 60s --latency -s scripts/benchmark-scale.lua "$api$path" >"$work/wrk.out" 2>&1 || true
        done
        p50=$(ms "$(awk '$1 == "50%" { print $2 }' "$work/wrk.out")")
        p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$work/wrk.out")")
        count=$(awk '/requests in/ { print $1 + 0 }' "$work/wrk.out")
        bad=$(awk '/Non-2xx or 3xx responses:/ { n += $5 } /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$work/wrk.out")
        echo "$size|$name|$p50|$p99|$bad|${count:-0}" >>"$results"
        echo "    p50 $p50 ms, p99 $p99 ms, $count requests, failed $bad" >&2
    done
    stop_api
done

report=.bench/scale.md
label() { awk -v n="$1" 'BEGIN { if (n >= 1000000 && n % 1000000 == 0) printf "%dM", n / 1000000; else if (n >= 1000 && n % 1000 == 0) printf "%dk", n / 1000; else printf "%d", n }'; }
{
    echo "## scripts/benchmark.sh scale — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "$(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), one client (wrk -t1 -c1), ${duration} s per operation after ${warmup} s warm-up; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). Cells: p50 / p99 in ms (with the number of requests when under 20, and failed ones); **bold**: p99 over 100 ms at 1M claims or more."
    echo
    header="| operation |"; rule="|---|"
    for size in "${sizes[@]}"; do header+=" $(label "$size") claims |"; rule+="---:|"; done
    echo "$header"; echo "$rule"
    awk -F'|' '!seen[$2]++ { print $2 }' "$results" | while IFS= read -r name; do
        row="| \`$name\` |"
        for size in "${sizes[@]}"; do
            cell=$(awk -F'|' -v s="$size" -v n="$name" -v d="$duration" '$1 == s && $2 == n {
                if ($4 == "-") { printf "%s", $3; exit }
                if ($6 + 0 == 0) { printf "none within %s s", d; exit }
                c = $3 " / " $4; if (s >= 1000000 && $4 + 0 > 100) c = "**" c "**"
                if ($6 + 0 < 20) c = c " (" $6 " req.)"; if ($5 + 0 > 0) c = c " (" $5 " failed)"; printf "%s", c }' "$results")
            row+=" ${cell:--} |"
        done
        echo "$row"
    done
} >"$report"

echo
cat "$report"
echo
echo "==> table written to $report"
