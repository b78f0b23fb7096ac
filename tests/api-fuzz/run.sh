#!/usr/bin/env bash
# Probes the central's API as an attacker's fuzzer would: schemathesis reads the OpenAPI
# document the central serves and sends what it describes and what it does not (every
# check: no 5xx, statuses and bodies as documented, schema-invalid requests refused,
# schema-valid ones taken, no answer without a token where one is due), statefully too,
# for a bounded time with each kind of credential: admin, kiosk, staff, and none.
# Against the release binary on a fresh demo database; any failure fails the run. One
# worker: Debian's Python 3.11.2 can fail to parse source in two threads at once.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh

st="$HOME/.cache/lobby-kiosk/venv/bin/st"
central="${CENTRAL_BIN:-$CARGO_TARGET_DIR/release/central}"
seconds="${API_FUZZ_SECONDS:-30}"
output=tests/api-fuzz/output
mkdir -p "$output"

work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

db="sqlite://$work/central.db"
"$central" --db "$db" serve --listen 127.0.0.1:0 --demo >"$work/stdout" 2>"$output/central.log" &
pid=$!
for _ in $(seq 100); do
  grep -q '^listening on ' "$work/stdout" && break
  sleep 0.1
done
base=$(sed -n 's/^listening on //p' "$work/stdout")
[ -n "$base" ] || { echo "api-fuzz: the central did not start" >&2; cat "$output/central.log" >&2; exit 1; }

token() { "$central" --db "$db" token create --label api-fuzz "$@" 2>/dev/null; }
declare -A credentials=(
  [admin]="$(token --role admin)"
  [kiosk]="$(token --role kiosk --office hn-ba-dinh)"
  [staff]="$(token --role staff --office hn-ba-dinh)"
  [none]=""
)

root=$PWD
failed=0
for who in admin kiosk staff none; do
  auth=()
  [ -n "${credentials[$who]}" ] && auth=(--header "Authorization: Bearer ${credentials[$who]}")
  echo "api-fuzz: ${seconds}s as $who"
  # Run from the temporary folder: schemathesis keeps its cache in the current one.
  if (cd "$work" && "$st" --config-file "$root/tests/api-fuzz/schemathesis.toml" run \
      "$base/api/v1/openapi.json" --url "$base/api/v1" --checks all --max-time "$seconds" \
      --workers 1 --warnings off "${auth[@]}" >"$root/$output/$who.txt" 2>&1); then
    grep -E '^(Test cases:|  [0-9]+ generated)' -A1 "$output/$who.txt" | grep generated || true
  else
    failed=1
    echo "api-fuzz: failures as $who:" >&2
    sed -n '/= FAILURES =/,/= SUMMARY =/p' "$output/$who.txt" | head -150 >&2
    tail -20 "$output/$who.txt" >&2
  fi
done
if grep -q 'panicked' "$output/central.log"; then
  echo "api-fuzz: a handler panicked:" >&2
  grep -B2 -A5 panicked "$output/central.log" >&2
  failed=1
fi
exit "$failed"
