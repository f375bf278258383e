#!/usr/bin/env bash
# scripts/run.sh — run ClaimTracker locally: a throwaway PostgreSQL (unless
# ConnectionStrings__ClaimTracker is set), migrations + seed data, then the API.
#
#   scripts/run.sh               # API on http://localhost:5080, Swagger UI at /swagger
#   scripts/run.sh --no-sample   # seed only the lexicon, not the sample story
#   scripts/run.sh --fresh       # start from an empty database (drops the local one first)
#   CLAIMTRACKER_URLS=http://localhost:5081 scripts/run.sh
#
# Ctrl-C, or SIGTERM/SIGHUP (`kill <pid>`), stops the API and then the PostgreSQL this script started
# (data stays in .pgdata/run).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

migrate_args=()
fresh=0
for arg in "$@"; do
    case "$arg" in
        --no-sample) migrate_args+=(--no-sample) ;;
        --fresh) fresh=1 ;;
        -h | --help)
            sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "error: unknown argument '$arg' (try --help)" >&2
            exit 2
            ;;
    esac
done

port_in_use() { # PORT: something accepts connections on localhost (IPv4 or IPv6)
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null || (exec 3<>"/dev/tcp/::1/$1") 2>/dev/null
}

urls=${CLAIMTRACKER_URLS:-http://localhost:5080}
if [ -z "${CLAIMTRACKER_URLS:-}" ] && port_in_use 5080; then
    echo "error: port 5080 is already in use (another scripts/run.sh?)." >&2
    echo "       Stop whatever listens there, or pick another URL, e.g." >&2
    echo "       CLAIMTRACKER_URLS=http://localhost:5081 scripts/run.sh" >&2
    exit 1
fi
# Address to poll/print: the first URL, with wildcard hosts shown as localhost.
base=${urls%%;*}
base=${base%/}
base=$(printf '%s' "$base" | sed -E 's#://(\+|\*|0\.0\.0\.0|\[::\])(:|$)#://localhost\2#')

export DOTNET_CLI_TELEMETRY_OPTOUT=${DOTNET_CLI_TELEMETRY_OPTOUT:-1}
export DOTNET_NOLOGO=${DOTNET_NOLOGO:-1}

# shellcheck source=scripts/pg.sh
source scripts/pg.sh

poller=""
child=""
cleanup() {
    if [ -n "$poller" ]; then kill "$poller" 2>/dev/null || true; fi
    stop_child
    pg_down
}
# Stop the running child (migrations or the API) with SIGTERM, which ASP.NET Core treats as a graceful
# shutdown; after 10 s it is killed, so the script (and its PostgreSQL) always stops.
stop_child() {
    [ -n "$child" ] || return 0
    local pid=$child
    child=""
    kill -TERM "$pid" 2>/dev/null || return 0
    local _
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
# Children run in the background and the script waits for them, because bash runs a trap only once the
# foreground command has ended: with the API in the foreground, `kill <pid>` (SIGTERM, as systemd,
# Kubernetes and CI send) would never stop it.
run_child() { # COMMAND...: run COMMAND, return its exit status; INT/TERM/HUP stop it
    "$@" &
    child=$!
    local rc=0
    wait "$child" || rc=$?
    child=""
    return "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

pg_up run
if [ "$fresh" -eq 1 ]; then pg_reset_database; fi

echo "==> applying migrations and seed data"
run_child dotnet run --project migrations/ClaimTracker.Migrations -c Release -- "${migrate_args[@]}"

# A local administrator key, renewed at every start (the previous run's is revoked). Reads are open to
# everyone here, so Swagger UI works at once; writes need the key (Swagger UI: Authorize, paste it).
admin_key=$(dotnet run --project migrations/ClaimTracker.Migrations -c Release --no-build -- \
    keys create --name "scripts/run.sh" --role admin --replace --quiet)
# For the command line while the API runs: `source .pgdata/run.env` points ClaimTracker.Migrations at this database.
mkdir -p .pgdata && (umask 077 && printf '%s\n' "$admin_key" >.pgdata/admin-key &&
    printf 'export ConnectionStrings__ClaimTracker=%q\n' "$ConnectionStrings__ClaimTracker" >.pgdata/run.env)
export ClaimTracker__Security__AnonymousReads=${ClaimTracker__Security__AnonymousReads:-true}

# Announce the Swagger UI once the API reports ready (in the background, like the API).
if command -v curl >/dev/null 2>&1; then
    (
        trap - EXIT INT TERM HUP
        for _ in $(seq 1 600); do
            kill -0 $$ 2>/dev/null || exit 0
            if curl -kfsS -o /dev/null --max-time 2 "$base/health/ready" 2>/dev/null; then
                echo "==> API ready: $base (health: $base/health/ready)"
                echo "==> Swagger UI: $base/swagger"
                echo "==> admin API key (send as X-Api-Key; Swagger UI: Authorize): $admin_key"
                exit 0
            fi
            sleep 1
        done
        echo "warning: API did not report ready at $base/health/ready within 10 minutes" >&2
    ) &
    poller=$!
else
    echo "==> (curl not found; not waiting for readiness) Swagger UI will be at: $base/swagger"
fi

echo "==> admin API key: $admin_key"
echo "==> starting API on $urls (Ctrl-C to stop)"
run_child dotnet run --project src/ClaimTracker.Api -c Release --no-launch-profile -- --urls "$urls"
