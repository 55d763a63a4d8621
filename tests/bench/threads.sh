#!/usr/bin/env bash
# Where the registration service's CPU goes, thread by thread: starts the release binary on a
# fresh store, seeds it with 3 s of POSTs at 8 connections, then runs one load (post, get or
# list) at 32 connections for DURATION, ROUNDS times, and prints per round the requests a
# second, the latency percentiles, the bytes the process sent to storage per request, and for
# each thread (named after its job: vc-writer, vc-sync, vc-checkpoint, vc-reactor, ...) its
# user and system CPU per 1,000 requests. The store's commit, write and sync counters follow,
# with the mean time of a WAL sync.
#
#   tests/bench/threads.sh post                 (after deploy/build.sh)
#   ROUNDS=3 DURATION=10s tests/bench/threads.sh get
set -euo pipefail
cd "$(dirname "$0")/../.."

load=${1:-post}
case "$load" in
  post | get | list) ;;
  *) echo "usage: tests/bench/threads.sh post|get|list" >&2; exit 2 ;;
esac
ROUNDS=${ROUNDS:-2} DURATION=${DURATION:-8s} PORT=${PORT:-9195}
. tests/bench/common.sh
bench_setup threads.sh wrk curl sqlite3

VC_DATA_DIR=$work VC_APPLICATIONS_FILE=$work/apps.txt VC_PORT=$PORT VC_SYNCHRONOUS=FULL \
  VC_GEMEENTEN=0363:Amsterdam VC_LOG_LEVEL=warn "$bin" 2>"$work/server.log" &
pid=$!
base=http://127.0.0.1:$PORT/registratie/api/v1/vrijwilligers
until curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$base"; do sleep 0.01; done
wrk -t1 -c8 -d3s -s tests/bench/lua/post.lua "$base" >/dev/null
sqlite3 "$work/registratie.db" "SELECT id FROM vrijwilligers ORDER BY random() LIMIT 5000" \
  >"$work/ids.txt"
export IDS=$work/ids.txt

# One line per thread: "tid:name user_ticks system_ticks".
threads() {
  local t
  for t in /proc/"$pid"/task/*; do
    printf '%s:%s %s\n' "${t##*/}" "$(tr ' ' _ <"$t/comm")" "$(awk '{print $14, $15}' "$t/stat")"
  done | sort
}
storage_bytes() { awk '$1 == "write_bytes:" {print $2}' "/proc/$pid/io"; }

echo "threads.sh $load: wrk -t1 -c32 -d$DURATION, synchronous=FULL, $(nproc) cpus," \
  "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
for ((round = 1; round <= ROUNDS; round++)); do
  before=$(threads)
  bytes_before=$(storage_bytes)
  out=$(wrk -t1 -c32 -d"$DURATION" --latency -s "tests/bench/lua/$load.lua" "$base")
  after=$(threads)
  bytes_after=$(storage_bytes)
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  kib=$(awk -v b=$((bytes_after - bytes_before)) -v n="$requests" \
    'BEGIN {printf "%.1f", b / 1024 / n}')
  printf 'round %s  %s rps  p50 %s  p99 %s  KiB to storage per request %s\n' "$round" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")" "$kib"
  # Per thread, the CPU it used in this round, in ms per 1,000 requests; idle threads left out.
  join <(echo "$before") <(echo "$after") | awk -v n="$requests" -v hz="$(getconf CLK_TCK)" '
    { user = ($4 - $2) * 1000 / hz * 1000 / n; sys = ($5 - $3) * 1000 / hz * 1000 / n
      if (user + sys > 0) printf "  %-22s user %6.1f  sys %6.1f  ms per 1k\n", $1, user, sys }'
done
curl -s "http://127.0.0.1:$PORT/metrics" >"$work/metrics.txt"
grep -E '^vc_storage_(commits|writes|syncs|sync_seconds|checkpoints|inline)' "$work/metrics.txt"
awk '$1 == "vc_storage_syncs" {n = $2} $1 == "vc_storage_sync_seconds" {s = $2}
     END {if (n) printf "mean WAL sync %.2f ms (seed included)\n", s * 1000 / n}' \
  "$work/metrics.txt"
