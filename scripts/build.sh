#!/usr/bin/env bash
# Release builds of the central server, the virtual printer and the kiosk app (UI included).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
# The central embeds the staff and lobby pages.
build_pages
cargo build --release -p central
cargo build --release -p printer --bin virtual-printer
npx tauri build --no-bundle
