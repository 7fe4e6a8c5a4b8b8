#!/usr/bin/env bash
# What hostile documents cost the server (80,000 unused variables, deep literals, floods of
# tokens and directives, eight at once): peak memory, answer size, time, and whether it still
# answers. Not part of CI. Builds the release binary and writes bench/results/<time>-hostile.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release -p klastry
exec python3 bench/hostile.py "$@"
