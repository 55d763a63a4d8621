#!/usr/bin/env bash
# Installs, builds and starts every VrijwilligersCheck service on this machine, each with its
# own SQLite file under data/ and demo data, and prints a token to try the API with.
# Stops the services on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/install-deps.sh
deploy/build.sh vc-admin vc-registratie vc-subsidies

data=${VC_DATA_DIR:-$PWD/data}
mkdir -p "$data"
export VC_DATA_DIR=$data VC_APPLICATIONS_FILE=$data/applications.txt
admin=build/libs/auth/vc-admin
if [ ! -s "$VC_APPLICATIONS_FILE" ]; then
  $admin application new --prefix demo --file "$VC_APPLICATIONS_FILE" >/dev/null
fi
client=$(head -n 1 "$VC_APPLICATIONS_FILE" | cut -d: -f1)

pids=()
stop() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait; }
trap stop INT TERM EXIT

VC_PORT=${VC_REGISTRATIE_PORT:-8080} VC_DEMO_DATA=1 build/services/registration/vc-registratie \
  >>"$data/registratie.log" 2>&1 &
pids+=($!)
VC_PORT=${VC_SUBSIDIES_PORT:-8082} VC_DEMO_DATA=1 \
  VC_REGISTRATIE_URL=http://127.0.0.1:${VC_REGISTRATIE_PORT:-8080}/registratie/api/v1 \
  build/services/subsidies/vc-subsidies >>"$data/subsidies.log" 2>&1 &
pids+=($!)

scopes=registratie.lezen,registratie.schrijven,registratie.beheer
scopes=$scopes,subsidies.lezen,subsidies.schrijven,subsidies.beheer,notificaties.beheer
token=$($admin token --client-id "$client" --file "$VC_APPLICATIONS_FILE" --gemeente 0363 \
  --scopes "$scopes")
admin_token=$($admin token --client-id "$client" --file "$VC_APPLICATIONS_FILE" \
  --scopes platform.beheer,registratie.lezen)
cat <<INFO
VrijwilligersCheck is running (logs in $data/*.log):
  registratie  http://127.0.0.1:${VC_REGISTRATIE_PORT:-8080}/registratie/api/v1  (openapi.json, openapi.yaml)
  subsidies    http://127.0.0.1:${VC_SUBSIDIES_PORT:-8082}/subsidies/api/v1

A token for gemeente 0363 (Amsterdam, with demo data in both services), valid for an hour:
  export TOKEN=$token
A platform token, to onboard another gemeente:
  export ADMIN_TOKEN=$admin_token
Try:  curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:${VC_REGISTRATIE_PORT:-8080}/registratie/api/v1/vrijwilligers
New tokens: $admin token --client-id $client --file $VC_APPLICATIONS_FILE --gemeente 0363 --scopes registratie.lezen
Ctrl-C stops everything.
INFO
wait
