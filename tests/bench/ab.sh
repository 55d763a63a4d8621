#!/usr/bin/env bash
# Two builds of the registration service side by side, alternating A B A B: each round starts
# one binary on a fresh store, seeds it with 3 s of POSTs at 8 connections, then runs GET by
# id, the filtered list and POST for DURATION each at 4 and at 32 connections. Prints
# requests/s, latency percentiles, server CPU ms per 1,000 requests and the server's page
# faults per request per run, and the peak memory per round. For a change measured against
# the code before it, in one sitting.
#
#   tests/bench/ab.sh OLD_BINARY NEW_BINARY          (after deploy/build.sh, for vc-admin)
#   ROUNDS=3 DURATION=8s tests/bench/ab.sh /tmp/old/vc-registratie build/services/...
set -euo pipefail
cd "$(dirname "$0")/../.."

[ "$#" = 2 ] || { echo "usage: tests/bench/ab.sh OLD_BINARY NEW_BINARY" >&2; exit 2; }
ROUNDS=${ROUNDS:-2} DURATION=${DURATION:-5s} PORT=${PORT:-9194}
. tests/bench/common.sh
bench_setup ab.sh wrk curl sqlite3
binaries=("$1" "$2")
base=http://127.0.0.1:$PORT/registratie/api/v1/vrijwilligers

one_round() {  # label binary
  local store=$work/store-$1-$round
  mkdir -p "$store"
  VC_DATA_DIR=$store VC_APPLICATIONS_FILE=$work/apps.txt VC_PORT=$PORT VC_SYNCHRONOUS=FULL \
    VC_GEMEENTEN=0363:Amsterdam "$2" 2>/dev/null &
  pid=$!
  until curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$base"; do sleep 0.01; done

  wrk -t1 -c8 -d3s -s tests/bench/lua/post.lua "$base" >/dev/null
  sqlite3 "$store/registratie.db" "SELECT id FROM vrijwilligers ORDER BY random() LIMIT 5000" \
    >"$work/ids.txt"
  export IDS=$work/ids.txt
  local conns script before after faults_before faults_after out requests
  for conns in 4 32; do
    for script in get list post; do
      before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
      faults_before=$(awk '{print $10}' "/proc/$pid/stat")
      out=$(wrk -t1 -c"$conns" -d"$DURATION" --latency -s "tests/bench/lua/$script.lua" "$base")
      after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
      faults_after=$(awk '{print $10}' "/proc/$pid/stat")
      requests=$(awk '/requests in/ {print $1}' <<<"$out")
      printf '%s round %s  c%-2s %-4s %9s rps  p50 %8s  p90 %8s  p99 %8s  cpu_ms/1k %s' \
        "$1" "$round" "$conns" "$script" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
        "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "90%" {print $2}' <<<"$out")" \
        "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
        "$(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests ))"
      awk -v f=$((faults_after - faults_before)) -v n="$requests" \
        'BEGIN { printf "  faults/req %.2f\n", f / n }'
    done
  done
  printf '%s round %s  peak RSS %s\n' "$1" "$round" "$(awk '/VmHWM/ {print $2, $3}' \
    "/proc/$pid/status")"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
  rm -rf "$store"
}

for ((round = 1; round <= ROUNDS; round++)); do
  one_round A "${binaries[0]}"
  one_round B "${binaries[1]}"
done
