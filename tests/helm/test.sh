#!/usr/bin/env bash
# Renders the Helm chart in helm/vrijwilligerscheck and checks what it renders. Debian has no
# helm, so tests/helm/render is a small renderer made of what Helm's engine is made of (Go's
# text/template and sprig), built offline from Debian's Go packages (installed by
# deploy/install-deps.sh --test); tests/helm/check_chart.py renders a table of values with it
# and checks the manifests.
#
#   bash tests/helm/test.sh      VC_BUILD_DIR: where to build the renderer (default: build/)
#
# Exit status: 0 when every case passes, 1 when one fails, 2 when a tool is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "${here}/../.." && pwd)"
out="${VC_BUILD_DIR:-${repo}/build}/tests/helm"
python="${VC_PYTHON:-/usr/bin/python3}"

command -v go >/dev/null || {
  echo "test.sh: go is missing; run deploy/install-deps.sh --test" >&2
  exit 2
}
mkdir -p "${out}"

# GOPATH mode against Debian's source packages in /usr/share/gocode: nothing is downloaded.
(cd "${here}/render" &&
  GO111MODULE=off GOPATH=/usr/share/gocode GOPROXY=off GOFLAGS= \
    GOCACHE="${GOCACHE:-${out}/go-cache}" go build -o "${out}/render" .)

"${python}" "${here}/check_chart.py" "${out}/render" "${repo}/helm/vrijwilligerscheck" "${repo}"
