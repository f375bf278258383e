#!/usr/bin/env bash
# scripts/test.sh — validate docker-compose.yml, then run the whole test suite against a
# throwaway PostgreSQL (unless ConnectionStrings__ClaimTracker is already set).
#
#   scripts/test.sh                                   # dotnet test ClaimTracker.sln
#   scripts/test.sh --filter "FullyQualifiedName~Api"  # extra args go to dotnet test
#
# The integration tests create their own databases, so the cluster in .pgdata/test is
# simply reused (or restarted) from run to run. The fuzz, fault and retry tests' figures
# are printed at the end. Exit code: dotnet test's.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

warn() { printf 'warning: %s\n' "$*" >&2; }

# shellcheck source=scripts/apt.sh
source scripts/apt.sh

apt_install() { # PACKAGE...: install with apt, refreshing the package lists if needed
    local log rc=0
    log=$(mktemp)
    DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300 install -y \
        --no-install-recommends "$@" >"$log" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ]; then
        rc=0
        apt_get_update || rc=$?
        if [ "$rc" -eq 0 ]; then
            DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300 install -y \
                --no-install-recommends "$@" >"$log" 2>&1 || rc=$?
        else
            : >"$log" # apt_get_update printed its own output
        fi
    fi
    if [ "$rc" -ne 0 ]; then cat "$log" >&2; fi
    rm -f "$log"
    return "$rc"
}

# --- docker-compose.yml must be valid (for docker-compose 1.29 as packaged by Debian) ---
compose=()
if command -v docker-compose >/dev/null 2>&1; then
    compose=(docker-compose)
elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing docker-compose (apt-get install docker-compose)"
    if ! apt_install docker-compose; then
        echo "error: apt-get install docker-compose failed" >&2
        exit 1
    fi
    compose=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
else
    warn "docker-compose is not installed (and this is not root with apt-get); skipping the docker-compose.yml check"
fi
if [ ${#compose[@]} -gt 0 ]; then
    echo "==> checking docker-compose.yml (${compose[*]} config -q)"
    if ! "${compose[@]}" -f docker-compose.yml config -q; then
        echo "error: docker-compose.yml is not valid" >&2
        exit 1
    fi
fi

# --- database + tests ---
export DOTNET_CLI_TELEMETRY_OPTOUT=${DOTNET_CLI_TELEMETRY_OPTOUT:-1}
export DOTNET_NOLOGO=${DOTNET_NOLOGO:-1}

# shellcheck source=scripts/pg.sh
source scripts/pg.sh
trap 'pg_down' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

pg_up test

# The fuzz, fault and retry tests append their figures here; they are printed at the end (README: Guarantees).
guarantees=$(mktemp)
export CLAIMTRACKER_GUARANTEES_FILE=$guarantees

echo "==> dotnet test ClaimTracker.sln $*"
rc=0
dotnet test ClaimTracker.sln "$@" || rc=$?
if [ -s "$guarantees" ]; then
    echo "==> guarantees measured in this run"
    sed 's/^/    /' "$guarantees"
fi
rm -f "$guarantees"
exit "$rc"
