# shellcheck shell=bash
# scripts/pg.sh — shared PostgreSQL bootstrap for scripts/run.sh and scripts/test.sh.
#
# Source it, then:
#     source scripts/pg.sh
#     trap 'pg_down' EXIT          # stops only a cluster that pg_up started (or adopted)
#     trap 'exit 130' INT; trap 'exit 143' TERM
#     pg_up run                    # NAME: cluster lives in .pgdata/NAME (git-ignored)
#
# pg_up NAME
#   * If ConnectionStrings__ClaimTracker is already set, uses it and does nothing else.
#   * Otherwise finds the PostgreSQL server binaries (pg_config --bindir, else the newest
#     /usr/lib/postgresql/*/bin, else initdb on PATH); when missing and running as root,
#     installs Debian's `postgresql` package; when missing and not root, fails saying so.
#   * Creates (initdb, once) or reuses a throwaway cluster in .pgdata/NAME/data, starts it
#     on 127.0.0.1 on a free port (the port is remembered in .pgdata/NAME/port and reused
#     when free), creates role/database `claimtracker` (password `claimtracker`, LOGIN
#     CREATEDB) if absent, and exports ConnectionStrings__ClaimTracker.
#   * A cluster of the same NAME that is still running is reused: if the process that
#     started it is gone (an interrupted run) it is adopted and stopped by pg_down; if that
#     process is still alive (a concurrent run) it is used but left for that run to stop.
#   * As root the folder belongs to `postgres` and the server runs via `runuser -u postgres`.
#     If `postgres` cannot reach the checkout (e.g. it lives under /root), the cluster goes
#     to ${TMPDIR:-/tmp}/claimtracker-pg-<hash of the checkout path>/NAME instead.
# pg_down
#   Stops (pg_ctl stop -m fast) the cluster only if pg_up started or adopted it. Idempotent.
#
# Exports: ConnectionStrings__ClaimTracker, and when a local cluster is used also
#   CLAIMTRACKER_PG_PORT, CLAIMTRACKER_PG_DATA (data directory), CLAIMTRACKER_PG_BINDIR.
# Works under `set -euo pipefail`; every step checks its own errors, so it also behaves
# when called as `pg_up NAME || ...`.

# shellcheck source=scripts/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

CT_PG_STARTED=${CT_PG_STARTED:-0}
CT_PG_FIRST_PORT=${CLAIMTRACKER_PG_FIRST_PORT:-54320}

ct_pg_say() { printf '==> %s\n' "$*" >&2; }
ct_pg_warn() { printf 'warning: %s\n' "$*" >&2; }
ct_pg_err() { printf 'error: %s\n' "$*" >&2; }

ct_pg_is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a server command as the cluster owner.
ct_pg_as_owner() {
    if ct_pg_is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# True when nothing accepts TCP connections on 127.0.0.1:PORT.
ct_pg_port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

ct_pg_has_server() { # DIR
    [ -n "$1" ] && [ -x "$1/initdb" ] && [ -x "$1/pg_ctl" ] && [ -x "$1/postgres" ]
}

ct_pg_find_bindir() {
    local d newest=""
    if command -v pg_config >/dev/null 2>&1; then
        d=$(pg_config --bindir 2>/dev/null || true)
        if ct_pg_has_server "$d"; then printf '%s\n' "$d"; return 0; fi
    fi
    for d in /usr/lib/postgresql/*/bin; do
        ct_pg_has_server "$d" || continue
        if [ -z "$newest" ] || [ "$(printf '%s\n%s\n' "$newest" "$d" | sort -V | tail -n 1)" = "$d" ]; then
            newest=$d
        fi
    done
    if [ -n "$newest" ]; then printf '%s\n' "$newest"; return 0; fi
    if command -v initdb >/dev/null 2>&1; then
        d=$(dirname "$(command -v initdb)")
        if ct_pg_has_server "$d"; then printf '%s\n' "$d"; return 0; fi
    fi
    return 1
}

ct_pg_install_server() {
    if ! ct_pg_is_root; then
        ct_pg_err "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found."
        ct_pg_err "Install them, e.g. 'sudo apt-get install postgresql' (Debian/Ubuntu),"
        ct_pg_err "or set ConnectionStrings__ClaimTracker to an existing PostgreSQL database"
        ct_pg_err "whose role may CREATE DATABASE."
        return 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        ct_pg_err "PostgreSQL server binaries not found and apt-get is unavailable; install PostgreSQL or set ConnectionStrings__ClaimTracker."
        return 1
    fi
    ct_pg_say "installing PostgreSQL (apt-get install postgresql)"
    apt_get_update || { ct_pg_err "apt-get update failed"; return 1; }
    local log
    log=$(mktemp)
    if ! DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300 install -y \
            --no-install-recommends postgresql >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        ct_pg_err "apt-get install postgresql failed"
        return 1
    fi
    rm -f "$log"
}

# Pick the port: the remembered one if free, else the first free one from CT_PG_FIRST_PORT.
ct_pg_pick_port() { # PORTFILE [PORT-TO-SKIP]
    local p skip=${2:-}
    if [ -f "$1" ]; then
        p=$(tr -cd '0-9' <"$1")
        if [ -n "$p" ] && [ "$p" != "$skip" ] && ct_pg_port_free "$p"; then
            printf '%s\n' "$p"; return 0
        fi
    fi
    for ((p = CT_PG_FIRST_PORT; p < CT_PG_FIRST_PORT + 200; p++)); do
        [ "$p" = "$skip" ] && continue
        if ct_pg_port_free "$p"; then printf '%s\n' "$p"; return 0; fi
    done
    ct_pg_err "no free TCP port in ${CT_PG_FIRST_PORT}-$((CT_PG_FIRST_PORT + 199)) on 127.0.0.1"
    return 1
}

ct_pg_psql() { # SQL via stdin, as superuser
    PGCONNECT_TIMEOUT=10 "$CT_PG_PSQL" -X -q -v ON_ERROR_STOP=1 \
        -h 127.0.0.1 -p "$CLAIMTRACKER_PG_PORT" -U postgres -d postgres
}

pg_up() {
    local name=${1:-}
    if [ -z "$name" ]; then ct_pg_err "usage: pg_up NAME"; return 1; fi

    if [ -n "${ConnectionStrings__ClaimTracker:-}" ]; then
        ct_pg_say "using ConnectionStrings__ClaimTracker from the environment (no local PostgreSQL started)"
        return 0
    fi

    local root bindir
    root=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel 2>/dev/null) ||
        root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

    bindir=$(ct_pg_find_bindir) || {
        ct_pg_install_server || return 1
        bindir=$(ct_pg_find_bindir) || { ct_pg_err "PostgreSQL installed but initdb/pg_ctl/postgres still not found"; return 1; }
    }
    CT_PG_PSQL="$bindir/psql"
    [ -x "$CT_PG_PSQL" ] || CT_PG_PSQL=$(command -v psql) || { ct_pg_err "psql not found"; return 1; }

    if ct_pg_is_root && ! id postgres >/dev/null 2>&1; then
        ct_pg_err "running as root but there is no 'postgres' user to run the server as (install Debian's postgresql package)"
        return 1
    fi

    # Where the cluster lives.
    local home="$root/.pgdata/$name" shown=".pgdata/$name"
    mkdir -p "$root/.pgdata" || return 1
    if ct_pg_is_root; then
        chmod 755 "$root/.pgdata" && mkdir -p "$home" && chown postgres:postgres "$home" || return 1
        if ! runuser -u postgres -- test -w "$home" -a -x "$home"; then
            local h
            h=$(printf '%s' "$root" | cksum | cut -d' ' -f1)
            home="${TMPDIR:-/tmp}/claimtracker-pg-$h/$name"
            shown=$home
            ct_pg_warn "user postgres cannot reach $root; keeping the cluster in $home"
            mkdir -p "$home" && chmod 755 "$(dirname "$home")" && chown postgres:postgres "$home" || return 1
        fi
    else
        mkdir -p "$home" || return 1
        if [ ! -O "$home" ]; then
            ct_pg_err "$shown belongs to another user (made by a run as root?); remove it or run as that user"
            return 1
        fi
    fi

    local data="$home/data" log="$home/postgres.log" portfile="$home/port" ownerfile="$home/owner"
    export CLAIMTRACKER_PG_DATA="$data" CLAIMTRACKER_PG_BINDIR="$bindir"
    CT_PG_HOME=$home
    CT_PG_SHOWN=$shown

    # A cluster of this name still running (concurrent or interrupted run)?
    local status=3 port="" owner=""
    if [ -f "$data/PG_VERSION" ]; then
        ct_pg_as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1 && status=0 || status=$?
    fi
    if [ "$status" -eq 0 ]; then
        port=$(sed -n 4p "$data/postmaster.pid" 2>/dev/null | tr -cd '0-9' || true)
        owner=$(tr -cd '0-9' 2>/dev/null <"$ownerfile" || true)
        if [ -n "$port" ] && ! ct_pg_port_free "$port"; then
            export CLAIMTRACKER_PG_PORT=$port
            if [ -n "$owner" ] && [ "$owner" != "$$" ] && kill -0 "$owner" 2>/dev/null; then
                ct_pg_say "reusing PostgreSQL on 127.0.0.1:$port (data in $shown; started by running process $owner, left for it to stop)"
            else
                ct_pg_say "reusing PostgreSQL left running on 127.0.0.1:$port (data in $shown; will stop it on exit)"
                printf '%s\n' "$$" >"$ownerfile"
                CT_PG_STARTED=1
            fi
        else
            ct_pg_say "restarting PostgreSQL found running in $shown (it does not answer on its port)"
            ct_pg_as_owner "$bindir/pg_ctl" -D "$data" -m fast -w -t 20 stop >/dev/null 2>&1 ||
                ct_pg_as_owner "$bindir/pg_ctl" -D "$data" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
            # A postmaster that died but was never reaped (a zombie) still "owns" its pid file.
            local oldpid
            oldpid=$(sed -n 1p "$data/postmaster.pid" 2>/dev/null | tr -cd '0-9' || true)
            if [ -n "$oldpid" ] && { [ ! -e "/proc/$oldpid" ] ||
                    [ "$(awk '{ print $3 }' "/proc/$oldpid/stat" 2>/dev/null || true)" = Z ]; }; then
                rm -f "$data/postmaster.pid"
            fi
            status=3
        fi
    fi

    if [ "$status" -ne 0 ]; then
        # (Re)create the cluster when absent, half-made, or of another major version.
        local major
        major=$("$bindir/postgres" --version |
            awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+(\.[0-9]+)*$/) { split($i, v, "."); print v[1]; exit } }') || true
        if [ -z "$major" ]; then ct_pg_err "cannot tell the version of $bindir/postgres"; return 1; fi
        if [ -d "$data" ] && [ "$(cat "$data/PG_VERSION" 2>/dev/null || true)" != "$major" ]; then
            ct_pg_say "discarding unusable cluster in $shown/data"
            rm -rf "$data"
        fi
        if [ ! -f "$data/PG_VERSION" ]; then
            ct_pg_say "initialising PostgreSQL $major cluster in $shown"
            if ! ct_pg_as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 \
                    --locale=C.UTF-8 --no-sync >"$home/initdb.log" 2>&1; then
                rm -rf "$data"
                ct_pg_as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 \
                    --locale=C $([ "$name" = run ] || echo --no-sync) >"$home/initdb.log" 2>&1 || {
                    cat "$home/initdb.log" >&2; rm -rf "$data"; ct_pg_err "initdb failed"; return 1; }
            fi
        fi

        # Unix socket: next to the data if the path is short and plain, else a private /tmp dir.
        local sockdir="$home/run"
        if [ ${#sockdir} -gt 80 ] || [[ $sockdir == *[!A-Za-z0-9_./-]* ]]; then
            sockdir=$(mktemp -d /tmp/ctpg.XXXXXX) || return 1
            CT_PG_TMPSOCK=$sockdir
        else
            mkdir -p "$sockdir" || return 1
        fi
        if ct_pg_is_root; then chown postgres:postgres "$sockdir" || return 1; fi

        # Throwaway clusters (tests) trade durability for speed; the cluster scripts/run.sh serves ("run") keeps
        # PostgreSQL's durable defaults, so an acknowledged write survives a crash, and so do clusters named run-*
        # (scripts/crash-test.sh checks exactly those settings).
        local speed=""
        case "$name" in run | run-*) ;; *) speed=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off" ;; esac
        local attempt skip=""
        for attempt in 1 2 3; do
            port=$(ct_pg_pick_port "$portfile" "$skip") || return 1
            ct_pg_say "starting PostgreSQL on 127.0.0.1:$port (data in $shown)"
            printf '%s\n' "$$" >"$ownerfile"
            if ct_pg_as_owner "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 \
                    -o "-p $port -k '$sockdir' -c listen_addresses=127.0.0.1 -c max_connections=300$speed" \
                    start >/dev/null 2>&1; then
                CT_PG_STARTED=1
                printf '%s\n' "$port" >"$portfile"
                break
            fi
            local tailed bindfail='could not bind|already in use|could not create lock file'
            tailed=$(tail -n 20 "$log" 2>/dev/null || true)
            if [ "$attempt" -lt 3 ] && [[ $tailed =~ $bindfail ]]; then
                ct_pg_warn "port $port was taken meanwhile; trying another"
                skip=$port
                rm -f "$portfile"
                continue
            fi
            printf '%s\n' "$tailed" >&2
            ct_pg_err "PostgreSQL did not start (log: $log)"
            return 1
        done
        export CLAIMTRACKER_PG_PORT=$port
    fi

    # Role and database (idempotent).
    if ! ct_pg_psql <<'SQL' >/dev/null
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'claimtracker') THEN
        CREATE ROLE claimtracker LOGIN CREATEDB PASSWORD 'claimtracker';
    ELSE
        ALTER ROLE claimtracker LOGIN CREATEDB PASSWORD 'claimtracker';
    END IF;
END
$$;
SELECT 'CREATE DATABASE claimtracker OWNER claimtracker'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'claimtracker')\gexec
SQL
    then
        ct_pg_err "could not create role/database claimtracker on 127.0.0.1:$CLAIMTRACKER_PG_PORT"
        return 1
    fi

    export ConnectionStrings__ClaimTracker="Host=127.0.0.1;Port=$CLAIMTRACKER_PG_PORT;Database=claimtracker;Username=claimtracker;Password=claimtracker"
    return 0
}

pg_down() {
    [ "${CT_PG_STARTED:-0}" = 1 ] || return 0
    CT_PG_STARTED=0
    ct_pg_say "stopping PostgreSQL (data in ${CT_PG_SHOWN:-?})"
    ct_pg_as_owner "$CLAIMTRACKER_PG_BINDIR/pg_ctl" -D "$CLAIMTRACKER_PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 ||
        ct_pg_warn "pg_ctl stop failed for $CLAIMTRACKER_PG_DATA"
    rm -f "${CT_PG_HOME:-/nonexistent}/owner" 2>/dev/null || true
    if [ -n "${CT_PG_TMPSOCK:-}" ]; then rm -rf "$CT_PG_TMPSOCK" 2>/dev/null || true; fi
    return 0
}

# pg_reset_database: drop and recreate the claimtracker database of the local cluster (scripts/run.sh --fresh).
pg_reset_database() {
    if [ -z "${CLAIMTRACKER_PG_PORT:-}" ]; then
        ct_pg_err "--fresh only resets the local throwaway cluster; ConnectionStrings__ClaimTracker points elsewhere"
        return 1
    fi
    ct_pg_say "dropping and recreating database claimtracker"
    ct_pg_psql <<'SQL' >/dev/null
DROP DATABASE IF EXISTS claimtracker WITH (FORCE);
CREATE DATABASE claimtracker OWNER claimtracker;
SQL
}
