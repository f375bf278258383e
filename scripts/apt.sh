# shellcheck shell=bash
# scripts/apt.sh — `apt-get update` that waits for another apt to finish (sourced by scripts/pg.sh,
# scripts/test.sh, the benchmark scripts and .ci/run).
#
# apt_get_update
#   Runs `apt-get -qq update` as root. apt's `-o DPkg::Lock::Timeout` covers only dpkg's lock, not the
#   package-list lock (/var/lib/apt/lists/lock) that `apt-get update` takes, so while another apt-get
#   (unattended-upgrades, a second CI job) holds it, update fails at once. Here it is retried every
#   5 s for up to CT_APT_LOCK_WAIT seconds (default 300), saying what it waits for. Prints apt's output
#   only when it fails; returns apt-get's exit status.

apt_get_update() {
    local limit=${CT_APT_LOCK_WAIT:-300} waited=0 rc log
    log=$(mktemp) || return 1
    while :; do
        rc=0
        DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout="$limit" update >"$log" 2>&1 || rc=$?
        if [ "$rc" -eq 0 ]; then
            rm -f "$log"
            return 0
        fi
        if ! grep -qE 'Could not get lock|Unable to lock' "$log" || [ "$waited" -ge "$limit" ]; then
            cat "$log" >&2
            rm -f "$log"
            return "$rc"
        fi
        if [ "$waited" -eq 0 ]; then
            printf '==> another apt-get holds the package lists (%s); waiting up to %ss\n' \
                "$(grep -m1 -oE 'held by process [0-9]+( \([^)]*\))?' "$log" || echo /var/lib/apt/lists/lock)" \
                "$limit" >&2
        fi
        sleep 5
        waited=$((waited + 5))
    done
}
