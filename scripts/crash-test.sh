#!/usr/bin/env bash
# scripts/crash-test.sh — does an acknowledged write survive a database crash in the service as scripts/run.sh
# starts it? (issue 14). Starts a cluster with run.sh's settings (pg.sh: PostgreSQL's durable defaults; only the
# throwaway test clusters turn fsync and synchronous_commit off) in .pgdata/run-crash-test, the migrations with the
# sample story, and the API (Release); then WRITERS concurrent clients post claims for SECONDS while the cluster is
# killed twice with `pg_ctl stop -m immediate` (a power cut, as far as PostgreSQL knows) and restarted. Afterwards
# every claim answered 201 is read back by its id. Exits 1 if one is missing.
#   scripts/crash-test.sh [--writers 6] [--seconds 40] [--cluster run-crash-test]
# --cluster NAME picks the .pgdata cluster: names run and run-* get run.sh's durable settings, any other name the test
# clusters' fast ones (fsync, synchronous_commit, full_page_writes off), with which acknowledged writes do get lost.
# Run by .ci/run after the test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

writers=6
seconds=40
cluster=run-crash-test
while [ $# -gt 0 ]; do
    case "$1" in
        --writers) writers=${2:?--writers needs a number}; shift 2 ;;
        --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
        --cluster) cluster=${2:?--cluster needs a name}; shift 2 ;;
        -h | --help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done
[[ $writers =~ ^[1-9][0-9]*$ && $seconds =~ ^[1-9][0-9]*$ ]] || { echo "error: --writers and --seconds take whole numbers" >&2; exit 2; }
if [ -n "${ConnectionStrings__ClaimTracker:-}" ]; then
    echo "error: the crash test kills its own local cluster; unset ConnectionStrings__ClaimTracker" >&2
    exit 2
fi
command -v curl >/dev/null 2>&1 || { echo "error: curl is needed" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=${DOTNET_CLI_TELEMETRY_OPTOUT:-1}
export DOTNET_NOLOGO=${DOTNET_NOLOGO:-1}

# shellcheck source=scripts/pg.sh
source scripts/pg.sh
# shellcheck source=scripts/benchmark-lib.sh
source scripts/benchmark-lib.sh
work=$(mktemp -d)
api_pid=""
writer_pids=()
cleanup() {
    for pid in "${writer_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -n "$api_pid" ]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
    pg_down
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg_up "$cluster"
pg_reset_database
echo "==> building (Release), migrations and the sample story"
dotnet build -c Release src/ClaimTracker.Api -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dotnet run --project migrations/ClaimTracker.Migrations -c Release >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
key=$(dotnet run --project migrations/ClaimTracker.Migrations -c Release --no-build -- \
    keys create --name "scripts/crash-test.sh" --role editor --replace --quiet)

api=http://127.0.0.1:$(free_port 5380)
# The service as run.sh configures it, but for the rate limits: six writers and the read-back exceed one key's
# default allowance, and a 429 would prove nothing either way.
ClaimTracker__RateLimits__PerKeyPerMinute=100000000 ClaimTracker__RateLimits__PerAddressPerMinute=100000000 \
    dotnet src/ClaimTracker.Api/bin/Release/net10.0/ClaimTracker.Api.dll --urls "$api" >"$work/api.log" 2>&1 &
api_pid=$!
wait_ready "$api/health/ready" "$api_pid" "$work/api.log"

# One writer: claims citing the sample story's sources, each its own statement and article; every 201's id noted.
write() { # N
    local n=$1 i=0 body code
    local deadline=$((SECONDS + seconds))
    while [ $SECONDS -lt $deadline ]; do
        i=$((i + 1))
        body=$(printf '{"statement":"Crash test writer %s expects claim %s of run %s to hold","topics":["crash-test"],"report":{"article":{"url":"https://crash.test/%s/%s/%s","title":"Crash test article","publisher":{"slug":"yonhap"},"publishedAt":"2023-09-11T00:00:00Z"},"quote":"Officials said the summit would take place on Wednesday.","chain":[{"source":{"slug":"kcna"},"role":"origin"}],"statedConfidence":0.6}}' \
            "$n" "$i" "$$" "$$" "$n" "$i")
        code=$(curl -sS -o "$work/answer-$n" -w '%{http_code}' --max-time 30 -X POST -H "X-Api-Key: $key" \
            -H 'Content-Type: application/json' --data "$body" "$api/claims" 2>/dev/null || echo 000)
        if [ "$code" = 201 ]; then
            grep -o '"id":"[0-9a-f-]*"' "$work/answer-$n" | head -n 1 | cut -d'"' -f4 >>"$work/acknowledged-$n"
        else
            echo "$code" >>"$work/refused-$n"
            sleep 0.2
        fi
    done
}

echo "==> $writers writers for $seconds s; the cluster is killed (pg_ctl stop -m immediate) twice and restarted"
for n in $(seq 1 "$writers"); do : >"$work/acknowledged-$n"; : >"$work/refused-$n"; write "$n" & writer_pids+=($!); done
crash() {
    ct_pg_as_owner "$CLAIMTRACKER_PG_BINDIR/pg_ctl" -D "$CLAIMTRACKER_PG_DATA" -m immediate -w stop >/dev/null
    echo "    $(date -u +%T) killed; acknowledged so far: $(cat "$work"/acknowledged-* | wc -l)"
    sleep 3
    # restart: the server is not running, so pg_ctl starts it with the options of its last start (postmaster.opts).
    ct_pg_as_owner "$CLAIMTRACKER_PG_BINDIR/pg_ctl" -D "$CLAIMTRACKER_PG_DATA" -l "$CLAIMTRACKER_PG_DATA/../restart.log" -w -t 120 restart >/dev/null 2>&1 ||
        { tail -n 20 "$CLAIMTRACKER_PG_DATA/../restart.log" >&2; exit 1; }
    echo "    $(date -u +%T) restarted (crash recovery done)"
}
sleep $((seconds / 4)); crash
sleep $((seconds / 4)); crash
for pid in "${writer_pids[@]}"; do wait "$pid" || true; done
writer_pids=()

acknowledged=$(cat "$work"/acknowledged-* | sort -u)
total=$(printf '%s\n' "$acknowledged" | grep -c . || true)
refused=$(cat "$work"/refused-* | wc -l)
lost=0
for id in $acknowledged; do
    code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 30 -H "X-Api-Key: $key" "$api/claims/$id" || echo 000)
    if [ "$code" != 200 ]; then lost=$((lost + 1)); echo "    lost: $id ($code)" >&2; fi
done
echo "    crash: writers=$writers seconds=$seconds kills=2 acknowledged=$total found=$((total - lost)) lost=$lost not_acknowledged=$refused"
[ "$total" -gt 0 ] || { echo "error: no write was acknowledged; the test proved nothing (see the API log)" >&2; tail -n 30 "$work/api.log" >&2; exit 1; }
[ "$lost" -eq 0 ] || { echo "error: $lost acknowledged writes were lost" >&2; exit 1; }
