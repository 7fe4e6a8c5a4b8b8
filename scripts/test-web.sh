#!/usr/bin/env bash
# The web app's tests: its Rust unit tests, then the browser tests (headless Debian chromium
# driven by playwright-core) against `klastry serve` on a fresh SQLite database.
# Needs the built app (scripts/build-web.sh) and the server binary (KLASTRY_BIN, default
# target/debug/klastry, which `cargo test --workspace` builds). Installs chromium when missing
# and this runs as root; screenshots land in target/e2e-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "web tests: installing Debian's chromium"
    apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null && apt-get install -y -qq chromium chromium-driver >/dev/null; }
  else
    echo "web tests: /usr/bin/chromium is missing; install Debian's chromium package" >&2
    exit 1
  fi
fi

# The browser tests that send e-mail use a real SMTP server (scripts/smtp-sink.py).
scripts/smtp-sink-setup.sh

bin="${KLASTRY_BIN:-target/debug/klastry}"
if [ ! -x "$bin" ]; then
  cargo build --quiet -p klastry
fi

(cd frontend && cargo test --quiet 2>&1)
# A checkout from before a tool was added has node_modules without it.
[ -d frontend/node_modules/playwright-core ] && [ -d frontend/node_modules/axe-core ] ||
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
rm -rf target/e2e-screenshots
(cd frontend && KLASTRY_BIN="$(realpath "../$bin")" node --test --test-concurrency=1 --test-reporter=spec e2e/)
