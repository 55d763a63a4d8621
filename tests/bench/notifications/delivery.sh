#!/usr/bin/env bash
# Sustained delivery rate of the notification dispatcher to a local receiver (loopback HTTP,
# real SQLite file with synchronous=FULL). Arguments: messages objects parallel batch.
#
#   VC_BUILD_DIR=build tests/bench/notifications/delivery.sh 20000 2000 8 256
set -euo pipefail
cd "$(dirname "$0")/../../.."
build=${VC_BUILD_DIR:-build}
bin=$build/libs/notifications/vc_notifications_delivery_bench
[ -x "$bin" ] || { echo "delivery.sh: build $bin first" >&2; exit 2; }
VC_LOG_LEVEL=warn "$bin" "$@" 2>/dev/null
