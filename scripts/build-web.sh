#!/usr/bin/env bash
# Builds the web app into frontend/dist (index.html, hashed .js/.wasm/.css, gzip and brotli copies),
# installing what is missing first: the wasm32 target (rustup), wasm-bindgen-cli at exactly the
# version in frontend/Cargo.lock (crates.io), and wasm-opt from the npm package binaryen.
# Nothing is downloaded from anywhere else. Skips the build when nothing it reads has changed.
set -euo pipefail
cd "$(dirname "$0")/../frontend"

stamp_of_sources() {
  # Everything the build reads, including the API schema the queries are checked against.
  cat Cargo.toml Cargo.lock .cargo/config.toml build.rs index.html boot.js style.css package.json ../schema.graphql \
    $(find src queries -type f | sort) | sha256sum | cut -d' ' -f1
}

stamp=$(stamp_of_sources)
if [ -f dist/.stamp ] && [ "$(cat dist/.stamp)" = "$stamp" ] && [ "${1:-}" != "--force" ]; then
  echo "web app: up to date (frontend/dist)"
  exit 0
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "web app: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$bindgen_version" ]; then
  echo "web app: installing wasm-bindgen-cli $bindgen_version from crates.io (a few minutes, once)"
  # Not --locked: one of the CLI's pinned dependencies is no longer on crates.io.
  cargo install --quiet wasm-bindgen-cli --version "$bindgen_version" --force
fi

if [ ! -x node_modules/.bin/wasm-opt ] && [ ! -f node_modules/binaryen/bin/wasm-opt ]; then
  echo "web app: installing build tools from npm (binaryen, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if ! command -v wasm-split-cli >/dev/null 2>&1; then
  echo "web app: installing wasm-split-cli from crates.io (a minute or two, once)"
  cargo install --quiet --locked wasm_split_cli_support --version 0.2.4 --features build-binary
fi

echo "web app: building (release, wasm32)"
# .cargo/config.toml links with --emit-relocs: wasm-split needs the relocations.
cargo build --quiet --release --target wasm32-unknown-unknown
rm -rf dist.new && mkdir -p dist.new
# The routes in src/pages/deferred.rs become modules of their own, fetched on first visit;
# what they share with each other (and not with the main module) lands in chunk_N.wasm files.
wasm-split-cli target/wasm32-unknown-unknown/release/klastry-web.wasm dist.new --out-name app --target web
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle --out-dir dist.new --out-name app \
  dist.new/app.wasm
rm dist.new/app.wasm
# Debian's wasm-opt (binaryen 108) produces modules Chromium rejects; the npm build is current.
optimise() {
  node node_modules/binaryen/bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals "$1" -o "$1.opt" 2>/dev/null && mv "$1.opt" "$1"
}
export -f optimise
ls dist.new/*.wasm | xargs -P 2 -I{} bash -c 'optimise {}'

# Content-hashed names: browsers may cache them for good, and a new build is never stale.
hash_of() { sha256sum "$1" | cut -c1-12; }
for module in dist.new/split_*.wasm dist.new/chunk_*.wasm; do
  [ -e "$module" ] || continue
  stem=$(basename "$module" .wasm)
  named="$stem-$(hash_of "$module").wasm"
  mv "$module" "dist.new/$named"
  sed -i "s#\"./$stem.wasm\"#\"./$named\"#g" dist.new/__wasm_split.js
done
wasm="app-$(hash_of dist.new/app_bg.wasm).wasm"
mv dist.new/app_bg.wasm "dist.new/$wasm"
sed -i "s#app_bg.wasm#$wasm#g" dist.new/app.js
# The loader of the split modules and the app's glue import each other. The loader's name is
# the hash of both as built (before either names the other), so it changes whenever either does.
loader="split-$(cat dist.new/__wasm_split.js dist.new/app.js | sha256sum | cut -c1-12).js"
# Only the glue's imports: the import object keeps the module name the .wasm asks for.
sed -i "s#from \"\./__wasm_split\.js\"#from \"./$loader\"#g" dist.new/app.js
js="app-$(hash_of dist.new/app.js).js"
mv dist.new/app.js "dist.new/$js"
sed "s#\./app\.js#./$js#g" dist.new/__wasm_split.js > "dist.new/$loader"
rm dist.new/__wasm_split.js
css="style-$(hash_of style.css).css"
cp style.css "dist.new/$css"
sed -e "s#__JS__#$js#g" -e "s#__WASM__#$wasm#g" boot.js > dist.new/boot.js
boot="boot-$(hash_of dist.new/boot.js).js"
mv dist.new/boot.js "dist.new/$boot"
sed -e "s#__JS__#$js#g" -e "s#__WASM__#$wasm#g" -e "s#__CSS__#$css#g" -e "s#__BOOT__#$boot#g" \
  index.html > dist.new/index.html
for f in dist.new/*.wasm dist.new/*.js dist.new/*.css dist.new/index.html; do gzip -9 -k "$f"; done
# Brotli beside gzip (a fifth smaller for the .wasm), by Node's own zlib at its best quality.
node -e '
const zlib = require("zlib"), fs = require("fs");
for (const f of process.argv.slice(1)) {
  const data = fs.readFileSync(f);
  fs.writeFileSync(f + ".br", zlib.brotliCompressSync(data, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
}' dist.new/*.wasm dist.new/*.js dist.new/*.css dist.new/index.html
echo "$stamp" > dist.new/.stamp
rm -rf dist && mv dist.new dist

raw=$(stat -c %s "dist/$wasm")
gz=$(stat -c %s "dist/$wasm.gz")
br=$(stat -c %s "dist/$wasm.br")
routes=$(cat dist/split_*.wasm.gz dist/chunk_*.wasm.gz 2>/dev/null | wc -c)
echo "web app: built frontend/dist ($wasm: $((raw / 1024)) KiB, $((gz / 1024)) KiB gzipped, $((br / 1024)) KiB brotli; routes loaded on first visit: $((routes / 1024)) KiB gzipped)"
