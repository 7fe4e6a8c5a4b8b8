#!/usr/bin/env bash
# The benchmark: builds klastry (release), generates the synthetic registry on a fresh database,
# serves it, drives it with wrk, and writes a table to bench/results/. With --peers it runs
# PostGraphile and raw SQL (pgbench) on the same PostgreSQL database in the same run.
#   bench/run.sh                      # PostgreSQL, klastry only
#   bench/run.sh --peers              # PostgreSQL, with PostGraphile and the raw-SQL ceiling
#   bench/run.sh --backend sqlite     # SQLite
#   bench/run.sh --help               # every option
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
exec python3 bench/bench.py "$@"
