#!/usr/bin/env bash
# A 10-minute mixed soak at c=64 on PostgreSQL (reads, writes, subscriptions, a webhook), with
# PostgreSQL restarted halfway: 5xx answers outside the restart's seconds, memory and file
# descriptors over time, and every acknowledged write present afterwards. Not part of CI.
#   scripts/soak.sh                       # 10 minutes, c=64
#   scripts/soak.sh --minutes 2 --no-restart
# Builds the release binary, installs aiohttp and websockets from PyPI, and writes
# bench/results/<time>-soak.md. Traffic goes only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release -p klastry
python3 -m pip install --quiet --disable-pip-version-check -r bench/requirements-soak.txt
exec python3 bench/soak.py "$@"
