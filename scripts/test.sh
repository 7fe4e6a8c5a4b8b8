#!/usr/bin/env bash
# Runs every test: unit tests, and the HTTP suites against SQLite and PostgreSQL.
# PostgreSQL: KLASTRY_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432). When no
# server answers there, the script starts the machine's cluster if it can; if it still cannot
# reach one it says so and skips that suite, except under CI (CI=true), where it fails.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust from your distribution or rustup first" >&2
  exit 1
fi

# The e-mail tests send to a real SMTP server (scripts/smtp-sink.py): aiosmtpd, when missing.
scripts/smtp-sink-setup.sh

pg_url="${KLASTRY_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
pg_host=$(sed -E 's#^[a-z]+://([^@/]*@)?([^:/]+).*#\2#' <<<"$pg_url")
pg_port=$(sed -nE 's#^[a-z]+://([^@/]*@)?[^:/]+:([0-9]+).*#\2#p' <<<"$pg_url")
pg_port="${pg_port:-5432}"

pg_up() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$pg_host" -p "$pg_port"
  else
    (exec 3<>"/dev/tcp/$pg_host/$pg_port") 2>/dev/null
  fi
}

if ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
  done
  for _ in $(seq 1 20); do pg_up && break; sleep 0.5; done
fi

export KLASTRY_TEST_RUN_ID="r$$"
drop_run_databases() {
  command -v psql >/dev/null 2>&1 || return 0
  psql "$pg_url/postgres" -Atqc "SELECT datname FROM pg_database WHERE datname LIKE 'klastry_test_${KLASTRY_TEST_RUN_ID}_%'" 2>/dev/null |
    while read -r db; do psql "$pg_url/postgres" -qc "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1 || true; done
}

if pg_up; then
  export KLASTRY_TEST_POSTGRES_URL="$pg_url"
  echo "PostgreSQL suite: running against $pg_host:$pg_port (a fresh database per test)"
else
  if [ "${CI:-}" = "true" ]; then
    echo "PostgreSQL is not reachable at $pg_host:$pg_port; CI requires it" >&2
    exit 1
  fi
  unset KLASTRY_TEST_POSTGRES_URL
  echo "PostgreSQL suite: SKIPPED (no server reachable at $pg_host:$pg_port); SQLite suite runs"
fi

log=$(mktemp)
trap 'rm -f "$log"; drop_run_databases' EXIT
set +e
cargo test --workspace --no-fail-fast "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The web app: built (release WASM) and tested in a browser, unless only some tests were asked
# for by name or KLASTRY_SKIP_WEB=true.
if [ "$status" = "0" ] && [ $# -eq 0 ] && [ "${KLASTRY_SKIP_WEB:-}" != "true" ]; then
  scripts/build-web.sh 2>&1 | tee -a "$log" && scripts/test-web.sh 2>&1 | tee -a "$log"
  status=${PIPESTATUS[0]}
  [ "$status" = "0" ] && status=$(grep -q '^ℹ fail [1-9]' "$log" && echo 1 || echo 0)
fi
set -e
# One closing line for the whole run, summed over every test binary and the browser tests.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i } }
     /^ℹ pass / { p += $3 } /^ℹ fail / { f += $3 } /^ℹ skipped / { s += $3 }
     END { printf "summary: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
