#!/usr/bin/env bash
# Installs what VrijwilligersCheck needs on Debian 12, from Debian's own packages.
#   deploy/install-deps.sh          build and run the services
#   deploy/install-deps.sh --test   also the test tools (Node.js and npm for the OpenAPI linter,
#                                   Go and Go's sprig and yaml.v2 sources for the Helm chart's test)
# Runs apt-get only for what is missing, so a second run costs a second or two.
set -euo pipefail

packages=(build-essential cmake ccache pkg-config curl ca-certificates python3 python3-yaml
          libpistache-dev libcpprest-dev rapidjson-dev libsqlite3-dev sqlite3 libssl-dev
          libjwt-dev libmimalloc-dev catch2)
if [ "${1:-}" = "--test" ]; then
  # tests/helm builds its chart renderer from these, offline: Debian ships no helm.
  packages+=(golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v2-dev)
  # Node.js may come from elsewhere than Debian; then npm comes with it and neither is needed.
  if ! { command -v node && command -v npm; } >/dev/null; then
    packages+=(nodejs npm)
  fi
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
