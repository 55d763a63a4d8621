#!/usr/bin/env bash
# Sustained delivery rate of the notification dispatcher to a local receiver (loopback HTTP,
# real SQLite file with synchronous=FULL). Arguments: messages objects parallel batch.
# With CALLGRIND=1 it runs under valgrind's callgrind instead and prints the instructions per
# notification of the delivery alone (the outbox is filled before counting starts), a figure
# that does not depend on the machine's load; the rate it prints then means nothing.
#
#   VC_BUILD_DIR=build tests/bench/notifications/delivery.sh 20000 2000 8 256
#   VC_BUILD_DIR=build CALLGRIND=1 tests/bench/notifications/delivery.sh 4000 400 8 256
set -euo pipefail
cd "$(dirname "$0")/../../.."
build=${VC_BUILD_DIR:-build}
bin=$build/libs/notifications/vc_notifications_delivery_bench
[ -x "$bin" ] || { echo "delivery.sh: build $bin first" >&2; exit 2; }
if [ "${CALLGRIND:-0}" != 1 ]; then
  VC_LOG_LEVEL=warn exec "$bin" "$@" 2>/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
VC_LOG_LEVEL=warn valgrind --tool=callgrind --callgrind-out-file="$work/cg.%p" "$bin" "$@" \
  2>/dev/null
dump=$(ls "$work"/cg.*.1)
awk -v n="${1:-20000}" '/^(summary|totals):/ {printf "%.0f instructions per notification\n", $2 / n; exit}' "$dump"
