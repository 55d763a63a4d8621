#!/usr/bin/env bash
# The producer's POST latency with no subscriber, and with a subscriber whose receiver is dead
# (connection refused, retried after BACKOFF_MS to 2*BACKOFF_MS; default 10 ms, so the
# dispatcher works all the time). Both runs
# start the release binary on an empty store and POST volunteers with wrk; prints p50/p99.
#
#   VC_BUILD_DIR=build DURATION=10s CONNS=16 tests/bench/notifications/producer.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
DURATION=${DURATION:-10s} CONNS=${CONNS:-16} BACKOFF_MS=${BACKOFF_MS:-10} PORT=${PORT:-$((20000 + RANDOM % 20000))}
build=${VC_BUILD_DIR:-build}
bin=$build/services/registration/vc-registratie
admin=$build/libs/auth/vc-admin
command -v wrk >/dev/null || { echo "producer.sh: wrk is not installed" >&2; exit 2; }
[ -x "$bin" ] && [ -x "$admin" ] || { echo "producer.sh: build first" >&2; exit 2; }

work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
$admin application new --prefix bench --file "$work/apps.txt" >/dev/null
client=$(cut -d: -f1 "$work/apps.txt")
export TOKEN=$($admin token --client-id "$client" --file "$work/apps.txt" --gemeente 0363 \
  --scopes registratie.lezen,registratie.schrijven)

run() {  # name subscriptions-json
  rm -rf "$work/data" && mkdir "$work/data"
  VC_DATA_DIR=$work/data VC_APPLICATIONS_FILE=$work/apps.txt VC_PORT=$PORT \
    VC_GEMEENTEN=0363:Amsterdam VC_LOG_LEVEL=error VC_NOTIFICATIES_ABONNEMENTEN="$2" \
    VC_NOTIFICATIES_BACKOFF_MS=$BACKOFF_MS VC_NOTIFICATIES_BACKOFF_MAX_MS=$((BACKOFF_MS * 2)) \
    VC_NOTIFICATIES_POGINGEN=1000 $bin 2>"$work/server.log" &
  pid=$!
  local base=http://127.0.0.1:$PORT/registratie/api/v1/vrijwilligers
  until curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$base"; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.01
  done
  local out
  out=$(wrk -t1 -c"$CONNS" -d"$DURATION" --latency -s tests/bench/lua/post.lua "$base")
  printf '%-14s %10s rps  p50 %8s  p99 %8s  %s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
    "$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')"
  kill "$pid" && wait "$pid" 2>/dev/null || true
  pid=
}

run "no-receiver" ""
run "dead-receiver" \
  '[{"callbackUrl":"http://127.0.0.1:9/notificaties","auth":"Bearer x","kanalen":[{"naam":"vrijwilligers"}]}]'
run "no-receiver" ""
run "dead-receiver" \
  '[{"callbackUrl":"http://127.0.0.1:9/notificaties","auth":"Bearer x","kanalen":[{"naam":"vrijwilligers"}]}]'
