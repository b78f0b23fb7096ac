#!/usr/bin/env bash
# Benchmarks whose figures the README reports: ticket issuance on loopback
# against a bare axum endpoint, 10,000 open event streams on one central, search
# per keystroke over 5,000 procedures, the time from a key press to the kiosk's first
# spoken sound, and kiosk start-up and memory against a bare
# Tauri window.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
source scripts/env.sh
bash scripts/build.sh
cargo build --release -p bare-window
echo "== ticket issuance (loopback)"
cargo run --release -q -p loadtest
echo "== 10,000 open event streams on one central (loopback)"
cargo run --release -q -p loadtest --bin events
echo "== search per keystroke (5,000 procedures)"
cargo bench -q -p kiosk-core --bench search
echo "== speaking: from a key press to the first sound"
cargo bench -q -p speech --bench first_sound
xvfb-run -a -s "-screen 0 1920x1080x24" node bench/first-sound.mjs 30
echo "== kiosk start-up and memory"
xvfb-run -a -s "-screen 0 1920x1080x24" node bench/startup.mjs "${RUNS:-5}"
