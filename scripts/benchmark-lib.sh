# shellcheck shell=bash
# scripts/benchmark-lib.sh — helpers the HTTP benchmarks share (scripts/benchmark-http.sh, scripts/benchmark-scale.sh).

free_port() { # FIRST: the first port from FIRST on that nothing listens on
    local port=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    echo "$port"
}

wait_ready() { # URL PID LOG
    for _ in $(seq 1 120); do
        curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0
        kill -0 "$2" 2>/dev/null || { cat "$3" >&2; return 1; }
        sleep 1
    done
    echo "error: $1 not ready within 2 minutes" >&2
    return 1
}

ms() { # wrk latency ("812.00us", "1.20ms", "1.01s") in milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; else if (v ~ /m$/) n *= 60000; printf "%.1f", n }'
}
