#!/usr/bin/env bash
# Starts the registry on its embedded default: an SQLite file under ./data/, migrated and
# filled with the demo registry on first start, served at http://127.0.0.1:8080/.
# Any setting can be changed through the environment (see .env.sample) or flags after `--`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust from your distribution or rustup first" >&2
  exit 1
fi

exec cargo run --quiet -p klastry -- serve "$@"
