#!/usr/bin/env bash
# Installs what scripts/smtp-sink.py needs (aiosmtpd, pinned by hash in
# scripts/requirements-smtp.txt) when python3 cannot import it. The tests that send e-mail
# start that sink, a real SMTP server on a loopback port; scripts/test.sh and
# scripts/test-web.sh call this first.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v python3 >/dev/null 2>&1; then
  echo "smtp sink: python3 not found; the e-mail tests need Python 3.9 or newer" >&2
  exit 1
fi
if ! python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  echo "smtp sink: installing aiosmtpd 1.4.6 from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check --require-hashes \
    -r scripts/requirements-smtp.txt
fi
