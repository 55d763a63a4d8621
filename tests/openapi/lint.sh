#!/usr/bin/env bash
# Lints every OpenAPI document in openapi/ against the NLGov REST API Design Rules (ADR) with
# Spectral, pinned in package-lock.json next to this script.
#
#   bash tests/openapi/lint.sh                 # ruleset downloaded from developer.overheid.nl
#   VC_ADR_RULESET=path/to/ruleset.yaml bash tests/openapi/lint.sh   # a local copy, offline
#
# Prints every finding and one summary line per document. Exit status: 0 when no document has
# an error (warnings are shown but do not fail), 1 when one has an error or cannot be linted,
# 2 when npm, the ruleset or the documents cannot be found.
set -euo pipefail

readonly PUBLISHED_RULESET="https://static.developer.overheid.nl/adr/ruleset.yaml"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "${here}/../.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "${scratch}"' EXIT

fail() {
  echo "lint.sh: $*" >&2
  exit 2
}

# npm ci wipes node_modules, so only run it when the tree is missing or older than the lock.
install_spectral() {
  local marker="${here}/node_modules/.package-lock.json"
  if [[ -f "${marker}" && ! "${here}/package-lock.json" -nt "${marker}" ]]; then
    return
  fi
  command -v npm >/dev/null || fail "npm is not installed (Debian: apt-get install npm)"
  echo "lint.sh: installing Spectral (npm ci) in ${here}"
  (cd "${here}" && npm ci --ignore-scripts --no-audit --no-fund >"${scratch}/npm.log" 2>&1) || {
    cat "${scratch}/npm.log" >&2
    fail "npm ci failed; is the npm registry reachable?"
  }
}

ruleset_path() {
  if [[ -n "${VC_ADR_RULESET:-}" ]]; then
    [[ -r "${VC_ADR_RULESET}" ]] || fail "VC_ADR_RULESET=${VC_ADR_RULESET} is not a readable file"
    echo "${VC_ADR_RULESET}"
    return
  fi
  command -v curl >/dev/null || fail "curl is not installed; set VC_ADR_RULESET to a local copy"
  local file="${scratch}/ruleset.yaml"
  curl --fail --silent --show-error --location --max-time 30 \
      --output "${file}" "${PUBLISHED_RULESET}" 2>"${scratch}/curl.log" || {
    cat "${scratch}/curl.log" >&2
    fail "could not download ${PUBLISHED_RULESET} (offline?); set VC_ADR_RULESET to a local copy"
  }
  echo "${file}"
}

# Prints each finding and one summary line; returns non-zero when the document has an error or
# Spectral could not lint it.
lint_document() {
  local ruleset="$1" document="$2"
  local name="${document#"${repo}/"}" results="${scratch}/results.json" status=0
  rm -f "${results}"
  "${here}/node_modules/.bin/spectral" lint --quiet --ruleset "${ruleset}" \
      --fail-severity error --format json --output "${results}" "${document}" \
      2>"${scratch}/spectral.log" || status=$?

  if [[ ! -s "${results}" ]]; then
    cat "${scratch}/spectral.log" >&2
    echo "FAIL ${name}: Spectral did not run (exit ${status})"
    return 1
  fi
  node "${here}/summarize.js" "${name}" "${results}" || status=1
  return "${status}"
}

main() {
  shopt -s nullglob
  local documents=("${repo}"/openapi/*.yaml)
  ((${#documents[@]} > 0)) || fail "no documents in ${repo}/openapi/*.yaml"

  install_spectral
  local ruleset
  ruleset="$(ruleset_path)"

  local failed=0 document
  for document in "${documents[@]}"; do
    lint_document "${ruleset}" "${document}" || failed=1
  done
  return "${failed}"
}

main "$@"
