#!/usr/bin/env bash
# Fuzzes klastry with cargo-fuzz (libFuzzer): the whole request path against a small SQLite
# registry (`request`), input coercion of every kind of mutation input (`coercion`), and the
# rules as pure functions (`validators`). Not part of CI: run it by hand.
#
#   scripts/fuzz.sh                 # every target, 10 minutes each
#   scripts/fuzz.sh request 60      # one target, 60 seconds
#
# The corpus is committed under fuzz/corpus/<target>/: the hand-written seeds (named) and what
# earlier runs found, minimised (`cargo fuzz cmin`, named by hash). What a run adds stays in
# fuzz/corpus-new/ (not committed); fold it in with `cp -n fuzz/corpus-new/T/* fuzz/corpus/T/`
# and `cargo fuzz cmin --sanitizer address T corpus/T` (with RUSTC_BOOTSTRAP=1) in fuzz/. A crash is saved under fuzz/artifacts/<target>/: make it a
# regression test (the input, sent through the API, gets a coded answer), then fix it.
# Builds on the stable toolchain: RUSTC_BOOTSTRAP lets it take the sanitizer flags cargo-fuzz
# passes, and stable Rust ships the AddressSanitizer runtime. Installs cargo-fuzz from crates.io
# when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(request coercion validators)
seconds="${2:-600}"
if [ $# -ge 1 ]; then targets=("$1"); fi

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz from crates.io"
  cargo install --quiet --locked cargo-fuzz
fi
export RUSTC_BOOTSTRAP=1
cd fuzz
for target in "${targets[@]}"; do
  mkdir -p "corpus-new/$target"
  echo "fuzz: $target for $seconds s"
  # -timeout: an input that runs 10 s is a hang; -rss_limit_mb: one that grows past 2 GiB is a
  # leak or unbounded memory.
  set +e
  cargo fuzz run --sanitizer address "$target" "corpus-new/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"corpus-new/$target.log" 2>&1
  status=$?
  set -e
  grep -E "^(#[0-9]+ +DONE|stat::|==[0-9]+==|SUMMARY|Done [0-9]+ runs)" "corpus-new/$target.log" || true
  if [ "$status" != "0" ]; then
    echo "fuzz: $target found a crash; see fuzz/artifacts/$target/ and fuzz/corpus-new/$target.log" >&2
    exit 1
  fi
done
