# Sourced by the registration benchmarks: checks the tools and the release build, makes a work
# folder that is removed (and the server stopped) on exit, and mints a token with read and
# write scope for gemeente 0363 into TOKEN.
#   bench_setup NAME TOOL...    sets bin, admin, work; the caller starts the server as $pid
bench_setup() {
  local name=$1 tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$name: $tool is not installed" >&2; exit 2; }
  done
  local build=${VC_BUILD_DIR:-build}
  bin=$build/services/registration/vc-registratie
  admin=$build/libs/auth/vc-admin
  [ -x "$bin" ] && [ -x "$admin" ] || { echo "$name: run deploy/build.sh first" >&2; exit 2; }

  work=$(mktemp -d)
  pid=
  trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
  "$admin" application new --prefix bench --file "$work/apps.txt" >/dev/null
  local client
  client=$(cut -d: -f1 "$work/apps.txt")
  TOKEN=$("$admin" token --client-id "$client" --file "$work/apps.txt" --gemeente 0363 \
    --scopes registratie.lezen,registratie.schrijven)
  export TOKEN
}
