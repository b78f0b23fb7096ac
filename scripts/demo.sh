#!/usr/bin/env bash
# Installs what is missing, builds, and runs the demo: the central server with
# demo data on 127.0.0.1:8080, a virtual thermal printer on 127.0.0.1:9100 that saves
# each printed ticket as .demo/printer/ticket-NNNN.png, the kiosk window of the
# Ba Đình ward centre, and the office's day: a counter page for staff and the lobby
# board that calls numbers aloud (addresses printed below; a staff token for every
# counter of the office is in .demo/staff.token).
# Without a display the kiosk runs under Xvfb and a screenshot is written.
# The offices keep their opening hours: to show them open at night or on a holiday,
# start the central's clock elsewhere, e.g. DEMO_CLOCK_START=2026-12-02T09:00:00+07:00.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/build.sh
source scripts/env.sh
central="$CARGO_TARGET_DIR/release/central"
kiosk="$CARGO_TARGET_DIR/release/kiosk"
printer="$CARGO_TARGET_DIR/release/virtual-printer"

mkdir -p .demo
rm -f .demo/central.db*
db="sqlite://$PWD/.demo/central.db"
"$central" --db "$db" serve --listen 127.0.0.1:8080 --demo \
  ${DEMO_CLOCK_START:+--clock-start "$DEMO_CLOCK_START"} > .demo/central.out 2> .demo/central.log &
central_pid=$!
"$printer" --listen 127.0.0.1:9100 --out .demo/printer > .demo/printer.out 2> .demo/printer.log &
printer_pid=$!
trap 'kill $central_pid $printer_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening .demo/central.out 2>/dev/null && break; sleep 0.1; done
grep -q listening .demo/central.out || { cat .demo/central.log; exit 1; }
"$central" --db "$db" token create --role kiosk --office hn-ba-dinh > .demo/kiosk.token
chmod 600 .demo/kiosk.token
"$central" --db "$db" token create --role admin > .demo/admin.token
chmod 600 .demo/admin.token
echo "demo: central on http://127.0.0.1:8080 (API under /api/v1, OpenAPI at /api/v1/openapi.json)"
echo "demo: IT console on http://127.0.0.1:8080/admin; sign in with the token in .demo/admin.token"
"$central" --db "$db" token create --role staff --office hn-ba-dinh > .demo/staff.token
chmod 600 .demo/staff.token
echo "demo: lobby board on http://127.0.0.1:8080/board/hn-ba-dinh (Chromium: --autoplay-policy=no-user-gesture-required to hear calls)"
echo "demo: counter page on http://127.0.0.1:8080/counter; sign in with the token in .demo/staff.token"
for _ in $(seq 50); do grep -q listening .demo/printer.out 2>/dev/null && break; sleep 0.1; done
grep -q listening .demo/printer.out || { cat .demo/printer.log; exit 1; }
echo "demo: virtual printer on 127.0.0.1:9100; printed tickets in .demo/printer/ (touch .demo/printer/out-of-paper to run out)"

# Chromium refuses its sandbox to root; a normal user keeps it.
no_sandbox=""
[ "$(id -u)" -ne 0 ] || no_sandbox=--no-sandbox
chromium_flags=(--user-data-dir="$PWD/.demo/chromium" $no_sandbox --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --autoplay-policy=no-user-gesture-required)
if [ -n "${DISPLAY:-}" ]; then
  echo "demo: the lobby board and the counter page open in Chromium"
  chromium "${chromium_flags[@]}" --new-window http://127.0.0.1:8080/board/hn-ba-dinh \
    http://127.0.0.1:8080/counter > .demo/chromium.log 2>&1 &
  echo "demo: kiosk window opening; close it to stop"
  "$kiosk" --profile profiles/demo.toml
else
  echo "demo: no display; running the kiosk under Xvfb for 15 s and saving .demo/kiosk.png"
  xvfb-run -a -s "-screen 0 1920x1080x24" bash -c '
    "$0" --profile profiles/demo.toml & pid=$!
    sleep 15
    import -window root .demo/kiosk.png
    kill $pid' "$kiosk"
  echo "demo: screenshot in .demo/kiosk.png"
  chromium "${chromium_flags[@]}" --headless --disable-gpu --hide-scrollbars \
    --window-size=1920,1080 --virtual-time-budget=3000 --screenshot="$PWD/.demo/board.png" \
    http://127.0.0.1:8080/board/hn-ba-dinh > .demo/chromium.log 2>&1 \
    && echo "demo: the lobby board in .demo/board.png"
fi
