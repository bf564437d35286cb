#!/usr/bin/env bash
# Installs what the browser tests (tests/test_web_browser.py) need from Debian's packages:
# chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver) and Noto fonts for
# Arabic screenshots. Idempotent: does nothing when all are there. Never downloads a browser
# build of its own (Playwright drives this chromium through executable_path).
#
#   bash tools/install_browser.sh          # as root, or with sudo available
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
fonts="$(fc-list 2>/dev/null || true)"  # read whole: `fc-list | grep -q` breaks the pipe under pipefail
if ! grep -qi "Noto Naskh Arabic" <<<"$fonts"; then
  need+=(fonts-noto-core)  # Arabic glyphs for the screenshots (the tests pass without them)
fi

if [ ${#need[@]} -eq 0 ]; then
  echo "install_browser: $(chromium --version 2>/dev/null | head -1) already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1; then
  run=(sudo)
else
  echo "install_browser: need root or sudo to install ${need[*]}; the browser tests will be skipped" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -q
"${run[@]}" apt-get install -y -q "${need[@]}"
echo "install_browser: $(chromium --version 2>/dev/null | head -1)"
