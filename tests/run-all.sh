#!/usr/bin/env bash
# Installs, builds and runs every test: the whole suite in build/, the whole suite again under
# AddressSanitizer and UndefinedBehaviorSanitizer in build-asan/, and the NLGov API Design
# Rules linter over every OpenAPI document. Set VC_ADR_RULESET to a local copy of the ruleset
# when offline; .ci/run does so when ../shared is present.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/install-deps.sh --test

echo "== build and test (build/)"
deploy/build.sh
(cd build && ctest --output-on-failure -j2 --timeout 600)

echo "== build and test under ASan + UBSan (build-asan/)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
VC_BUILD_DIR=build-asan VC_SANITIZE=ON VC_BUILD_TYPE=Debug deploy/build.sh
(cd build-asan && ctest --output-on-failure -j2 --timeout 900)

echo "== NLGov API Design Rules linter"
bash tests/openapi/lint.sh
