#!/usr/bin/env bash
# Installs what VrijwilligersCheck needs on Debian 12, from Debian's own packages.
#   deploy/install-deps.sh          build and run the services
#   deploy/install-deps.sh --test   also the test tools (Node.js and npm for the OpenAPI linter)
# Runs apt-get only for what is missing, so a second run costs a second or two.
set -euo pipefail

packages=(build-essential cmake ccache pkg-config curl ca-certificates python3 python3-yaml
          libpistache-dev libcpprest-dev rapidjson-dev libsqlite3-dev sqlite3 libssl-dev
          libjwt-dev libmimalloc-dev catch2)
# Node.js may come from elsewhere than Debian; then npm comes with it and neither is needed.
if [ "${1:-}" = "--test" ] && ! { command -v node && command -v npm; } >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "install-deps: installing ${missing[*]}" >&2
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
