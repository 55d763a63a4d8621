#!/usr/bin/env bash
# The producer's POST latency with no subscriber, and with a subscriber whose receiver is dead
# (connection refused, retried after BACKOFF_MS to 2*BACKOFF_MS; default 10 ms, so the
# dispatcher works all the time). ROUNDS times (default 2) one run of each, interleaved, so that
# a change in the machine's load hits both alike; each run starts the release binary on an
# empty store and POSTs volunteers with wrk; prints requests/s, p50 and p99 per run.
#
#   VC_BUILD_DIR=build DURATION=10s CONNS=16 ROUNDS=3 tests/bench/notifications/producer.sh
#
# With CALLGRIND=1 the server runs under valgrind's callgrind instead, and each run prints the
# instructions the whole process (HTTP, writer, dispatcher) executes per POST, for COUNT POSTs
# (default 2000) over 4 kept connections after a warm-up: a figure the machine's load does not
# change. BACKOFF_MS then defaults to 1000, because under valgrind a run lasts many times longer
# and the dead receiver's probes, one per backoff period, would be counted as if per POST.
#
#   VC_BUILD_DIR=build CALLGRIND=1 COUNT=2000 tests/bench/notifications/producer.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
CALLGRIND=${CALLGRIND:-0} COUNT=${COUNT:-2000}
[ "$CALLGRIND" = 1 ] && default_backoff=1000 || default_backoff=10
DURATION=${DURATION:-10s} CONNS=${CONNS:-16} ROUNDS=${ROUNDS:-2}
BACKOFF_MS=${BACKOFF_MS:-$default_backoff} PORT=${PORT:-$((20000 + RANDOM % 20000))}
build=${VC_BUILD_DIR:-build}
bin=$build/services/registration/vc-registratie
admin=$build/libs/auth/vc-admin
if [ "$CALLGRIND" = 1 ]; then
  command -v valgrind >/dev/null || { echo "producer.sh: valgrind is not installed" >&2; exit 2; }
else
  command -v wrk >/dev/null || { echo "producer.sh: wrk is not installed" >&2; exit 2; }
fi
[ -x "$bin" ] && [ -x "$admin" ] || { echo "producer.sh: build first" >&2; exit 2; }

work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
$admin application new --prefix bench --file "$work/apps.txt" >/dev/null
client=$(cut -d: -f1 "$work/apps.txt")
export TOKEN=$($admin token --client-id "$client" --file "$work/apps.txt" --gemeente 0363 \
  --scopes registratie.lezen,registratie.schrijven)

post() {  # count: that many valid volunteers, over 4 kept connections
  python3 - "$PORT" "$1" <<'PY'
import http.client, os, sys, threading
port, count = int(sys.argv[1]), int(sys.argv[2])
headers = {"Content-Type": "application/json", "Authorization": "Bearer " + os.environ["TOKEN"]}
failed = []
def worker(first):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    for n in range(first, count, 4):
        body = ('{"voornaam":"V%d","achternaam":"Bench","email":"v%d@example.nl",'
                '"postcode":"%d AB","vaardigheden":["koken"],"beschikbaarheid":["ma-ochtend"]}'
                % (n, n, 1000 + n % 8000))
        c.request("POST", "/registratie/api/v1/vrijwilligers", body, headers)
        r = c.getresponse()
        r.read()
        if r.status != 201:
            failed.append(r.status)
threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads: t.start()
for t in threads: t.join()
if failed:
    sys.exit("POST failed: %s" % failed[:5])
PY
}

measure() {  # name
  if [ "$CALLGRIND" = 1 ]; then
    post 40  # warm-up: caches, prepared statements, the dispatcher's first round
    sleep 2
    callgrind_control -z "$pid" >/dev/null 2>&1
    post "$COUNT"
    callgrind_control -d "$pid" >/dev/null 2>&1
    printf '%-14s %s POSTs: %s instructions per POST\n' "$1" "$COUNT" \
      "$(awk -v n="$COUNT" '/^(summary|totals):/ {printf "%.0f", $2 / n; exit}' \
        "$(ls -t "$work"/cg.out.* | head -1)")"
    return
  fi
  local out
  out=$(wrk -t1 -c"$CONNS" -d"$DURATION" --latency -s tests/bench/lua/post.lua "$base")
  printf '%-14s %10s rps  p50 %8s  p99 %8s  %s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
    "$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')"
}

run() {  # name subscriptions-json
  rm -rf "$work/data" "$work"/cg.out* && mkdir "$work/data"
  local wrapper=()
  [ "$CALLGRIND" = 1 ] && wrapper=(valgrind --tool=callgrind --callgrind-out-file="$work/cg.out")
  VC_DATA_DIR=$work/data VC_APPLICATIONS_FILE=$work/apps.txt VC_PORT=$PORT \
    VC_GEMEENTEN=0363:Amsterdam VC_LOG_LEVEL=error VC_NOTIFICATIES_ABONNEMENTEN="$2" \
    VC_NOTIFICATIES_BACKOFF_MS=$BACKOFF_MS VC_NOTIFICATIES_BACKOFF_MAX_MS=$((BACKOFF_MS * 2)) \
    VC_NOTIFICATIES_POGINGEN=1000 "${wrapper[@]}" $bin 2>"$work/server.log" &
  pid=$!
  base=http://127.0.0.1:$PORT/registratie/api/v1/vrijwilligers
  until curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$base"; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.05
  done
  measure "$1"
  kill "$pid" && wait "$pid" 2>/dev/null || true
  pid=
}

dead='[{"callbackUrl":"http://127.0.0.1:9/notificaties","auth":"Bearer x","kanalen":[{"naam":"vrijwilligers"}]}]'
for _ in $(seq "$ROUNDS"); do
  run "no-receiver" ""
  run "dead-receiver" "$dead"
done
