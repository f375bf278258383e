#!/usr/bin/env bash
# scripts/benchmark-analysis-batch.sh — time POST /analysis/batch over HTTP (see README "Reading articles", Measured):
#   scripts/benchmark-analysis-batch.sh                 start scripts/run.sh on port 5089, time a 10,000-sentence batch, stop it
#   scripts/benchmark-analysis-batch.sh --url URL       time against an API that is already running (CLAIMTRACKER_KEY: its key, if reads need one)
#   LINES=50000 RUNS=5 scripts/benchmark-analysis-batch.sh
# The sentences are the 40 news sentences of tests/ClaimTracker.Benchmarks/news-sentences.txt, repeated, each line
# with its own id. WARMUP batches of the same size run first (default 5: the first requests run on unoptimised code
# until .NET's tiered compilation has recompiled the hot paths); then RUNS timed batches (default 5), each checked for
# one answer per line; the median and the best are reported. Needs curl and jq.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

url=""
case "${1:-}" in
    --url) url=${2:?--url needs a URL} ;;
    -h | --help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    "") ;;
    *) echo "error: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac
lines=${LINES:-10000}
runs=${RUNS:-5}
warmup=${WARMUP:-5}
work=$(mktemp -d)

api_group=""
cleanup() {
    # run.sh was started in a process group of its own: stopping the group stops the API, then run.sh stops its PostgreSQL.
    if [ -n "$api_group" ]; then
        kill -TERM -- "-$api_group" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 -- "-$api_group" 2>/dev/null || break; sleep 1; done
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "$url" ]; then
    url=http://localhost:5089
    echo "==> starting scripts/run.sh on $url (log: $work/run.log)"
    CLAIMTRACKER_URLS=$url setsid scripts/run.sh >"$work/run.log" 2>&1 &
    api_group=$!
    for _ in $(seq 1 600); do
        curl -fsS -o /dev/null --max-time 2 "$url/health/ready" 2>/dev/null && break
        kill -0 "$api_group" 2>/dev/null || { cat "$work/run.log" >&2; exit 1; }
        sleep 1
    done
fi
curl -fsS -o /dev/null --max-time 5 "$url/health/ready" || { echo "error: no API ready at $url" >&2; exit 1; }

batch() { # N FILE: N NDJSON lines cycling through the benchmark's news sentences
    jq -cnR --argjson n "$1" '[inputs | select(length > 0)] as $s | range(0; $n) | {id: "s\(. + 1)", text: $s[. % ($s | length)]}' \
        tests/ClaimTracker.Benchmarks/news-sentences.txt >"$2"
}

post() { # FILE OUT: prints the seconds the request took
    curl -sS -o "$2" -w '%{http_code} %{time_total}\n' --max-time 600 "$url/analysis/batch" \
        -H 'content-type: application/x-ndjson' ${CLAIMTRACKER_KEY:+-H "X-Api-Key: $CLAIMTRACKER_KEY"} --data-binary "@$1"
}

batch "$lines" "$work/batch.ndjson"
echo "==> $lines lines, $(($(wc -c <"$work/batch.ndjson") / 1024)) KiB"
for run in $(seq 1 "$warmup"); do echo "warm-up $run: $(post "$work/batch.ndjson" "$work/warm-up.out" | cut -d' ' -f2) s"; done

rates=()
for run in $(seq 1 "$runs"); do
    read -r status seconds < <(post "$work/batch.ndjson" "$work/answers.ndjson")
    answered=$(jq -c 'select(.analysis != null) | .line' "$work/answers.ndjson" | wc -l)
    if [ "$status" != 200 ] || [ "$answered" -ne "$lines" ]; then
        echo "error: run $run: status $status, $answered of $lines lines analysed" >&2
        head -c 2000 "$work/answers.ndjson" >&2
        exit 1
    fi
    rate=$(awk -v n="$lines" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }')
    echo "run $run: $seconds s, $rate sentences/s ($(($(wc -c <"$work/answers.ndjson") / 1024)) KiB of answers)"
    rates+=("$rate")
done
read -r median best < <(printf '%s\n' "${rates[@]}" | sort -n | awk '{ r[NR] = $1 } END { print r[int((NR + 1) / 2)], r[NR] }')
echo "==> $lines-sentence batch over HTTP, $runs runs: median $median sentences/s, best $best ($(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg))"
