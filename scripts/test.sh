#!/usr/bin/env bash
# Every test: formatting and lints, Rust unit and API tests, UI type checks and
# component tests, then the end-to-end test of the real kiosk window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
source scripts/env.sh

step() { printf '\n== %s\n' "$*"; }

step "UI build (the kiosk embeds it)"
npm run build --silent
step "staff and lobby pages build (the central embeds it)"
build_pages
step "cargo fmt"
cargo fmt --all --check
step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "Rust tests"
cargo test --workspace --locked
step "fuzzing the profile parser (30 s; no input may panic)"
(cd crates/kiosk-profile/fuzz && cargo +nightly fuzz run parse_profile -- -max_total_time=30)
step "svelte-check"
npm run check --silent
step "svelte-check of the staff and lobby pages"
npm run check:pages --silent
step "staff and lobby pages' plain tests"
npm run test:pages-unit --silent
step "UI component tests"
npm run test:ui --silent
step "release builds"
bash scripts/build.sh
step "the central's API probed by schemathesis (release binary; every check, each credential)"
bash tests/api-fuzz/run.sh
step "IT console in Chromium (real central)"
node --test tests/console/
step "counter page, lobby board and phone page in Chromium (real central)"
npm run test:pages --silent
step "end-to-end (real kiosk window under Xvfb)"
# Two files at a time; then the walk of every screen at every shape and text size alone,
# since axe-core keeps a core busy and would slow the scanner's bursts in another window.
mapfile -t e2e_files < <(ls tests/e2e/*.test.mjs | grep -v every-visitor)
xvfb-run -a -s "-screen 0 1920x1080x24" node --test --test-concurrency=2 "${e2e_files[@]}"
step "every screen at every shape, text size and contrast (real kiosk window; its own X servers)"
node --test tests/e2e/every-visitor.test.mjs
