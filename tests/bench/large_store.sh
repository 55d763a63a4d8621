#!/usr/bin/env bash
# Reads on a large store: starts the release binary on an empty store, POSTs for FILL (25 s)
# so the store and its processing log grow, then GETs random ids for 20 s, and prints GETs
# a second, the RSS after 10 and 20 s of GETs, the peak RSS and the size of the WAL. This is
# the load that showed the processing log's write amplification (docs/performance.md).
#
#   tests/bench/large_store.sh                  (after deploy/build.sh; needs wrk and sqlite3)
set -euo pipefail
cd "$(dirname "$0")/../.."

FILL=${FILL:-25s} CONNS=${CONNS:-32} PORT=${PORT:-9192}
. tests/bench/common.sh
bench_setup large_store.sh wrk sqlite3 curl

VC_DATA_DIR=$work VC_APPLICATIONS_FILE=$work/apps.txt VC_PORT=$PORT VC_GEMEENTEN=0363:Amsterdam \
  VC_LOG_LEVEL=warn $bin 2>"$work/server.log" &
pid=$!
base=http://127.0.0.1:$PORT/registratie/api/v1/vrijwilligers
until curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$base"; do sleep 0.005; done

wrk -t1 -c"$CONNS" -d"$FILL" -s tests/bench/lua/post.lua "$base" >/dev/null
sqlite3 "$work/registratie.db" "SELECT id FROM vrijwilligers ORDER BY random() LIMIT 10000" \
  >"$work/ids.txt"
export IDS=$work/ids.txt
volunteers=$(sqlite3 "$work/registratie.db" "SELECT COUNT(*) FROM vrijwilligers")
entries=$(sqlite3 "$work/registratie.db" "SELECT COUNT(*) FROM verwerkingen")

rss() { awk "/^$1:/ {print \$2}" "/proc/$pid/status"; }
wrk -t1 -c"$CONNS" -d20s -s tests/bench/lua/get.lua "$base" >"$work/get.txt" &
get=$!
sleep 10
rss10=$(rss VmRSS)
wait "$get"
rss20=$(rss VmRSS)

printf 'volunteers %s  processing-log entries before the GETs %s\n' "$volunteers" "$entries"
printf 'GET/s %s  RSS after 10 s %s kB, after 20 s %s kB  peak %s kB  WAL %s bytes\n' \
  "$(awk '/Requests\/sec/ {print $2}' "$work/get.txt")" "$rss10" "$rss20" "$(rss VmHWM)" \
  "$(stat -c %s "$work/registratie.db-wal")"
