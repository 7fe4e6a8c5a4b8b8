#!/usr/bin/env bash
# Starts the registry on its embedded default: an SQLite file under ./data/, migrated and
# filled with the demo registry on first start; the web app and GraphQL are served at
# http://127.0.0.1:8080/.
# Any setting can be changed through the environment (see .env.sample) or flags after `--`.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust from your distribution or rustup first" >&2
  exit 1
fi

# The web app (WASM) is built once and again only when its sources change; without it the
# registry still serves the API and GraphiQL.
scripts/build-web.sh || echo "the web app could not be built (see above); serving the API only" >&2

exec cargo run --quiet -p klastry -- serve "$@"
