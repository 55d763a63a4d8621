#!/usr/bin/env bash
# Configures (once) and builds the one build tree, build/ by default, with ccache.
#   deploy/build.sh [TARGET...]        VC_BUILD_DIR, VC_SANITIZE=ON, VC_BUILD_TYPE override
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${VC_BUILD_DIR:-build}
type=${VC_BUILD_TYPE:-RelWithDebInfo}
sanitize=${VC_SANITIZE:-OFF}
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
# Paths relative to the checkout, so that another clone of the same sources hits the cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}

if [ ! -f "$dir/CMakeCache.txt" ]; then
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="$type" -DVC_SANITIZE="$sanitize" >/dev/null
fi
jobs=$(nproc 2>/dev/null || echo 2)
if [ "$#" -gt 0 ]; then
  for target in "$@"; do cmake --build "$dir" -j"$jobs" --target "$target"; done
else
  cmake --build "$dir" -j"$jobs"
fi
