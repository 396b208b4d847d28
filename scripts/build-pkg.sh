#!/usr/bin/env bash
# make pkg: release wasm build -> wasm-bindgen --target web -> wasm-opt -Oz (npm binaryen) -> pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --target wasm32-unknown-unknown -p wazper
rm -rf pkg; mkdir -p pkg
wasm-bindgen target/wasm32-unknown-unknown/release/wazper.wasm --target web --out-dir pkg --out-name wazper --remove-name-section --remove-producers-section
# npm binaryen, never Debian's 108: that one silently corrupts wasm-bindgen 0.2.13x output.
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --strip-debug --strip-producers pkg/wazper_bg.wasm -o pkg/wazper_bg.wasm
cp -R pkg-template/. pkg/
