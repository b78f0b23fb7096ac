# Shared settings of the project's scripts; sourced, not run.
# One build directory outside the clone, so a fresh clone does not start cold.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lobby-kiosk/target}"
export PATH="$HOME/.cargo/bin:$PATH"
# A clone of its own builds its own crates: their incremental state is never reused and only
# fills the shared build directory.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi

# Builds the staff and lobby pages (crates/central/pages) when a source is newer than the
# last build: a rewritten pages/dist makes Cargo rebuild the central, which embeds it.
build_pages() {
  local stamp=crates/central/pages/dist/index.html
  if [ -f "$stamp" ] && [ -z "$(find crates/central/pages package.json package-lock.json \
      -path crates/central/pages/dist -prune -o -type f -newer "$stamp" -print -quit)" ]; then
    return 0
  fi
  npm run build:pages --silent
}
