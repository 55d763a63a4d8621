#!/usr/bin/env bash
# The registration service's own benchmark: starts the release binary on an empty store,
# seeds volunteers, then measures GET by id, the filtered list and POST with wrk, and prints
# requests/s, latency percentiles, server CPU per 1,000 requests and peak memory.
#
#   tests/bench/registration.sh                 (after deploy/build.sh)
#   SEED=10000 DURATION=10s CONNS=32 SYNC=FULL tests/bench/registration.sh
#
# Needs wrk (apt-get install wrk). After each run it measures latency at about half that
# run's peak rate twice: with wrk, each connection pausing a random time between requests
# (tests/bench/lua/paced.lua), so that requests arrive independently, as from separate
# clients; and, with hey installed (apt-get install hey), with hey's fixed rate per worker,
# whose workers send in step (all of them at each tick), so its figures are those of bursts.
# For a comparison with reference servers measured in the same sitting, see
# docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

SEED=${SEED:-10000} DURATION=${DURATION:-10s} CONNS=${CONNS:-32} SYNC=${SYNC:-FULL}
PORT=${PORT:-9191}
. tests/bench/common.sh
bench_setup registration.sh wrk curl

start=$(date +%s%N)
VC_DATA_DIR=$work VC_APPLICATIONS_FILE=$work/apps.txt VC_PORT=$PORT VC_SYNCHRONOUS=$SYNC \
  VC_GEMEENTEN=0363:Amsterdam VC_LOG_LEVEL=warn $bin 2>"$work/server.log" &
pid=$!
base=http://127.0.0.1:$PORT/registratie/api/v1/vrijwilligers
until curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$base"; do sleep 0.005; done
startup_ms=$(( ($(date +%s%N) - start) / 1000000 ))

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
run() {  # name script [extra path]
  local before after out
  before=$(cpu_ticks)
  out=$(wrk -t1 -c"$CONNS" -d"$DURATION" --latency -s "tests/bench/lua/$2" "$base")
  after=$(cpu_ticks)
  local rps p50 p99 requests
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  local errors
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  local cpu_ms=$(( (after - before) * 1000 / $(getconf CLK_TCK) ))
  last_rps=${rps%.*}
  printf '%-10s %10s rps  p50 %8s  p99 %8s  cpu_ms/1k %6s  %s\n' "$1" "$rps" "$p50" "$p99" \
    "$(awk -v c="$cpu_ms" -v n="$requests" 'BEGIN {printf "%.1f", n ? c * 1000 / n : 0}')" "$errors"
}

# Seeding: POST until SEED volunteers exist, keeping their ids for the GET run.
for ((i = 0; i < SEED; i++)); do
  printf '{"voornaam":"S%d","achternaam":"Seed","postcode":"%d %s"}\n' "$i" \
    $((1000 + 97 * (i % 50 + 1))) "$([ $(((i % 50 + 1) % 2)) = 0 ] && echo AB || echo KL)"
done >"$work/seed.jsonl"
xargs -P 8 -d '\n' -I{} curl -s -o - -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d {} "$base" <"$work/seed.jsonl" \
  | grep -o '"id":"[^"]*"' | cut -d'"' -f4 >"$work/ids.txt"
export IDS=$work/ids.txt

# Latency at about half the last run's peak: wrk alone sends as fast as it can, so its
# percentiles are those of a saturated server.
spread() {  # name script
  local pace_ms=$(( CONNS * 1000 * 2 / (last_rps > 0 ? last_rps : 1) ))
  [ "$pace_ms" -gt 0 ] || pace_ms=1
  local out
  out=$(PACED=$2 PACE_MS=$pace_ms wrk -t1 -c"$CONNS" -d"$DURATION" --latency \
    -s tests/bench/lua/paced.lua "$base")
  printf '%-10s at %6s rps  p50 %8s  p99 %8s  (wrk, %s connections, random pauses)\n' "$1" \
    "$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")" \
    "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
    "$CONNS"
}

# The same with hey's fixed rate per worker: its workers' tickers start together, so each
# tick sends a burst of one request per worker.
half_rate() {  # name [hey options...]
  command -v hey >/dev/null || return 0
  local name=$1 workers=16
  shift
  local per_worker=$(( last_rps / 2 / workers ))
  [ "$per_worker" -gt 0 ] || return 0
  local out
  out=$(hey -z "$DURATION" -c "$workers" -q "$per_worker" \
    -H "Authorization: Bearer $TOKEN" "$@")
  printf '%-10s at %6s rps  p50 %8s  p99 %8s  (hey, %s workers)\n' "$name" \
    "$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")" \
    "$(awk '/50% in/ {printf "%.2fms", $3 * 1000}' <<<"$out")" \
    "$(awk '/99% in/ {printf "%.2fms", $3 * 1000}' <<<"$out")" "$workers"
}

echo "registration benchmark: $(wc -l <"$IDS") volunteers seeded, wrk -t1 -c$CONNS -d$DURATION," \
  "synchronous=$SYNC, $(nproc) cpus, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "startup_ms $startup_ms"
run get_by_id get.lua
spread get_by_id get.lua
half_rate get_by_id "$base/$(head -n 1 "$IDS")"
run list list.lua
spread list list.lua
half_rate list "$base?postcode=1097KL&page=1"
run post post.lua
spread post post.lua
printf '{"voornaam":"H","achternaam":"Half","postcode":"1097 AB"}' >"$work/half.json"
half_rate post -m POST -T application/json -D "$work/half.json" "$base"
echo "rss_peak_kb $(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
