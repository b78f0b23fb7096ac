# Shared settings of the project's scripts; sourced, not run.
# One build directory outside the clone, so a fresh clone does not start cold.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/lobby-kiosk/target}"
export PATH="$HOME/.cargo/bin:$PATH"
