#!/usr/bin/env bash
# Installs what building, running and testing the kiosk needs on Debian 12, and
# only what is missing: a second run does nothing and takes a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

APT_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libssl-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver imagemagick
  chromium
  espeak-ng sox alsa-utils
  python3-venv
)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "install: Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "install: Rust is missing; install it with rustup (https://rustup.rs) and run this again" >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "install: Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# npm packages, again only when package-lock.json changed since the last install.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.lock-sum 2>/dev/null)" != "$lock_sum" ]; then
  echo "install: npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.lock-sum
fi

# Fuzzing the profile parser needs a nightly toolchain and cargo-fuzz.
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "install: Rust nightly (for the fuzz target)"
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null; then
  echo "install: cargo-fuzz"
  cargo install cargo-fuzz --locked --version 0.13.2
fi

if ! command -v tauri-driver >/dev/null; then
  echo "install: tauri-driver"
  cargo install tauri-driver --locked --version 2.1.0
fi

# schemathesis, which probes the central's API from its OpenAPI document: the versions of
# tests/api-fuzz/requirements.txt in a virtual environment beside the build folder,
# made again only when that file changes.
venv="$HOME/.cache/lobby-kiosk/venv"
requirements_sum=$(sha256sum tests/api-fuzz/requirements.txt | cut -d' ' -f1)
if [ "$(cat "$venv/.requirements-sum" 2>/dev/null)" != "$requirements_sum" ]; then
  echo "install: schemathesis (PyPI)"
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r tests/api-fuzz/requirements.txt
  echo "$requirements_sum" > "$venv/.requirements-sum"
fi
