#!/usr/bin/env bash
# Instructions per request of the registration service, which do not depend on the machine's
# load: the release binary runs under callgrind, a few hundred volunteers are seeded, and then
# GET by id and POST each run for DURATION with the counters zeroed before and dumped after.
# Prints the requests, the instructions and their quotient per run, and keeps the profiles
# (callgrind.get.out, callgrind.post.out) in OUT for callgrind_annotate.
#
#   tests/bench/callgrind.sh                    (after deploy/build.sh)
#   DURATION=10s OUT=/tmp/profiles tests/bench/callgrind.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-10s} PORT=${PORT:-9193} OUT=${OUT:-$PWD/build/callgrind}
. tests/bench/common.sh
bench_setup callgrind.sh wrk valgrind callgrind_control sqlite3 curl
mkdir -p "$OUT"

VC_DATA_DIR=$work VC_APPLICATIONS_FILE=$work/apps.txt VC_PORT=$PORT \
  VC_GEMEENTEN=0363:Amsterdam VC_LOG_LEVEL=warn \
  valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.%p" "$bin" \
  2>"$work/server.log" &
pid=$!
base=http://127.0.0.1:$PORT/registratie/api/v1/vrijwilligers
until curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$base"; do sleep 0.1; done

wrk -t1 -c4 -d5s -s tests/bench/lua/post.lua "$base" >/dev/null
sqlite3 "$work/registratie.db" "select id from vrijwilligers" >"$work/ids.txt"
export IDS=$work/ids.txt
echo "seeded $(wc -l <"$IDS") volunteers"

measure() {  # name script
  callgrind_control -z "$pid" >/dev/null 2>&1
  local out requests
  out=$(wrk -t1 -c4 -d"$DURATION" -s "tests/bench/lua/$2" "$base")
  callgrind_control -d "$pid" >/dev/null 2>&1
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  local dump
  dump=$(ls -t "$work"/callgrind.*.[0-9]* | head -1)
  cp "$dump" "$OUT/callgrind.$1.out"
  local total
  total=$(awk '/^summary:/ {print $2}' "$dump")
  printf '%-5s %6s requests  %12s instructions  %8s per request  %s\n' "$1" "$requests" \
    "$total" "$(( total / requests ))" "$(awk '/Non-2xx|Socket errors/' <<<"$out" | tr '\n' ' ')"
}

measure get get.lua
measure post post.lua
