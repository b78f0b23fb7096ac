#!/usr/bin/env bash
# Release builds of the central server and the kiosk app (UI included).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo build --release -p central
npx tauri build --no-bundle
