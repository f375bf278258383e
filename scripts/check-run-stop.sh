#!/usr/bin/env bash
# scripts/check-run-stop.sh — check that scripts/run.sh, started in the background as a supervisor would,
# stops with its API and its PostgreSQL on a signal (issue 14: it used to ignore `kill <pid>`).
#
#   scripts/check-run-stop.sh                 # TERM, INT and HUP in turn
#   scripts/check-run-stop.sh TERM            # just one
#   RUN_SH=path/to/run.sh scripts/check-run-stop.sh TERM   # check another copy (e.g. the old one)
#
# Uses the cluster in .pgdata/run and http://localhost:${CHECK_PORT:-5187}. Exit code 0 when every
# signal stopped everything within 15 s, 1 otherwise.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

run_sh=${RUN_SH:-scripts/run.sh}
port=${CHECK_PORT:-5187}
url=http://localhost:$port
signals=("$@")
[ ${#signals[@]} -gt 0 ] || signals=(TERM INT HUP)

api_running() { pgrep -f -- "--urls $url" >/dev/null; }
pg_running() { pgrep -f -- "-D $PWD/.pgdata/run/data" >/dev/null; }

# Job control: without it bash starts background jobs with SIGINT ignored, and an ignored signal cannot be trapped.
set -m
failed=0
for sig in "${signals[@]}"; do
    log=$(mktemp)
    CLAIMTRACKER_URLS=$url bash "$run_sh" --no-sample >"$log" 2>&1 &
    pid=$!
    ready=0
    for _ in $(seq 1 300); do
        if curl -fsS -o /dev/null --max-time 2 "$url/health/ready" 2>/dev/null; then ready=1; break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if [ "$ready" -ne 1 ]; then
        echo "FAIL $sig: run.sh did not become ready (log: $log)"
        kill -KILL "$pid" 2>/dev/null || true
        exit 1
    fi
    kill -s "$sig" "$pid"
    stopped=0
    for _ in $(seq 1 150); do
        if ! kill -0 "$pid" 2>/dev/null && ! api_running && ! pg_running; then stopped=1; break; fi
        sleep 0.1
    done
    if [ "$stopped" -eq 1 ]; then
        wait "$pid" 2>/dev/null || true
        echo "ok   $sig: run.sh, its API and its PostgreSQL stopped within 15 s"
        rm -f "$log"
    else
        failed=1
        echo "FAIL $sig: after 15 s run.sh alive: $(kill -0 "$pid" 2>/dev/null && echo yes || echo no)," \
            "API alive: $(api_running && echo yes || echo no), PostgreSQL alive: $(pg_running && echo yes || echo no) (log: $log)"
        # Clean up what the old script leaves behind: stopping its child (dotnet run) lets it run its traps.
        children=$(pgrep -P "$pid" || true)
        [ -z "$children" ] || kill -TERM $children 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
done
exit "$failed"
