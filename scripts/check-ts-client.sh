#!/usr/bin/env bash
# The TypeScript client (clients/typescript): generates its typed documents from schema.graphql
# and its own operation documents, then compiles it and its examples (strict), so a schema
# change that breaks an operation fails here. Installs its npm packages (npm ci, from the npm
# registry only) when node_modules is missing or was installed from another package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../clients/typescript"

stamp=node_modules/.klastry-lock-sha256
lock=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock" ]; then
  echo "TypeScript client: installing its packages from npm (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock" > "$stamp"
fi

start=$(date +%s)
# Quiet when it passes; codegen's progress and every error when it does not.
if ! output=$(npm run --silent check 2>&1); then
  echo "$output" >&2
  echo "TypeScript client: npm run check failed (clients/typescript)" >&2
  exit 1
fi
echo "TypeScript client: generated and compiled ($(($(date +%s) - start)) s)"
