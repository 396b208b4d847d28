#!/usr/bin/env bash
# make pkg: release wasm build -> wasm-bindgen --target web -> wasm-opt -Oz (npm binaryen) -> pkg/,
# with the hand-written files of pkg-template/ and package.json's version taken from Cargo.toml.
#
# Two wasm modules: wazper_bg.wasm ("wazper": client and helpers, what browsers load) and
# wazper_proxy_bg.wasm ("wazper/proxy": the same crate with the `proxy` feature, for Workers). The
# second is built in its own target dir (target/proxy) so switching features never rebuilds either.
#
# Fast when nothing changed: cargo is incremental, and the wasm-bindgen + wasm-opt output is cached
# under target/wazper-pkg/ keyed by a hash of the input .wasm and both tools' versions and flags.
# pkg/ is assembled in a staging directory and swapped in, so a reader (an emulator serving /pkg/,
# a running test) never sees a half-written package; a lock serialises concurrent builds.
#
#   scripts/build-pkg.sh --analyze   instead: a separate build that keeps function names (target/analysis,
#                                    same optimisation), then twiggy's view of what dominates the wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# The features rustc's wasm32 target emits by default; wasm-opt refuses (loudly) anything else.
features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
  --enable-reference-types --enable-multivalue)

if [ "${1:-}" = "--analyze" ]; then
  command -v twiggy >/dev/null || { echo "build-pkg: twiggy missing: cargo install twiggy" >&2; exit 1; }
  CARGO_PROFILE_RELEASE_STRIP=false cargo build --quiet --release --target wasm32-unknown-unknown -p wazper \
    --target-dir target/analysis
  out=target/analysis/pkg; rm -rf "$out"
  wasm-bindgen target/analysis/wasm32-unknown-unknown/release/wazper.wasm --target web --no-typescript --out-dir "$out" --out-name wazper
  # -g keeps the name section through the same -Oz pipeline, so sizes match the shipped module closely.
  node_modules/.bin/wasm-opt -Oz -g "${features[@]}" "$out/wazper_bg.wasm" -o "$out/named.wasm"
  echo "== twiggy top (shallow size)"; twiggy top -n 30 "$out/named.wasm"
  echo "== twiggy dominators (retained size)"; twiggy dominators -d 3 -r 40 "$out/named.wasm"
  echo "== twiggy monos (generic bloat)"; twiggy monos -m 10 "$out/named.wasm" || true
  exit 0
fi

mkdir -p target
exec 9>target/.build-pkg.lock
flock 9

cargo build --quiet --release --target wasm32-unknown-unknown -p wazper
cargo build --quiet --release --target wasm32-unknown-unknown -p wazper --features proxy --target-dir target/proxy
input=target/wasm32-unknown-unknown/release/wazper.wasm
proxy_input=target/proxy/wasm32-unknown-unknown/release/wazper.wasm

want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "build-pkg: wasm-bindgen CLI is '${have:-missing}', the crate pins $want: run scripts/setup.sh" >&2
  exit 1
fi
# npm binaryen, never Debian's 108: that one silently corrupts wasm-bindgen 0.2.13x output.
wasm_opt=$root/node_modules/.bin/wasm-opt
[ -x "$wasm_opt" ] || { echo "build-pkg: $wasm_opt missing: run scripts/setup.sh" >&2; exit 1; }

bindgen_flags=(--target web --no-typescript --remove-name-section --remove-producers-section)
opt_flags=(-Oz "${features[@]}" --strip-debug --strip-producers)

key=$({
  sha256sum "$input" "$proxy_input" | cut -d' ' -f1
  echo "$have ${bindgen_flags[*]}"
  "$wasm_opt" --version
  echo "${opt_flags[*]}"
} | sha256sum | cut -c1-16)
cache=target/wazper-pkg/$key

if [ ! -f "$cache/wazper_proxy_bg.wasm" ]; then
  work=$(mktemp -d target/wazper-pkg.work.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  for pair in "$input:wazper" "$proxy_input:wazper_proxy"; do
    wasm=${pair%%:*} name=${pair##*:}
    wasm-bindgen "$wasm" "${bindgen_flags[@]}" --out-dir "$work" --out-name "$name"
    "$wasm_opt" "${opt_flags[@]}" "$work/${name}_bg.wasm" -o "$work/${name}_bg.opt.wasm"
    mv "$work/${name}_bg.opt.wasm" "$work/${name}_bg.wasm"
    # The glue points Deno at a .d.ts that is not shipped (index.d.ts / web.d.ts / proxy.d.ts are the types).
    sed -i '/^\/\* @ts-self-types=.*\*\/$/d' "$work/$name.js"
  done
  # Names and producers must be gone; list what custom sections remain, for the record.
  for wasm in "$work"/*.wasm; do node --input-type=module - "$wasm" <<'EOF'
import { readFileSync } from "node:fs";
const bytes = readFileSync(process.argv[2]);
const sections = [];
let i = 8;
const leb = () => { let v = 0, s = 0, b; do { b = bytes[i++]; v |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return v >>> 0; };
while (i < bytes.length) {
  const id = bytes[i++], size = leb(), end = i + size;
  if (id === 0) { const n = leb(); sections.push(bytes.subarray(i, i + n).toString()); }
  i = end;
}
const bad = sections.filter((s) => s === "name" || s === "producers");
if (bad.length) { console.error(`build-pkg: custom sections left in the wasm: ${bad.join(", ")}`); process.exit(1); }
EOF
  done
  rm -rf target/wazper-pkg; mkdir -p target/wazper-pkg
  mv "$work" "$cache"
  trap - EXIT
fi

version=$(awk '/^\[package\]/{p=1; next} /^\[/{p=0} p && /^version *=/{gsub(/.*= *"|".*/, ""); print; exit}' Cargo.toml)
[ -n "$version" ] || { echo "build-pkg: no [package] version in Cargo.toml" >&2; exit 1; }

stage=$(mktemp -d "$root/target/pkg-stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
cp "$cache/wazper.js" "$cache/wazper_bg.wasm" "$cache/wazper_proxy.js" "$cache/wazper_proxy_bg.wasm" "$stage/"
cp -R pkg-template/. "$stage/"
# The embedded form (pkg-template/embedded.js, node.js's fallback): the browser .wasm also as one base64
# string in <stem>_base64.js, for bundlers that cannot emit the .wasm as an asset of their own. The
# proxy's wasm has none: it runs in Workers (module import) and Node (file read), never in a bundle.
node --input-type=module - "$stage" <<'EOF'
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
const [dir] = process.argv.slice(2);
for (const file of ["wazper_bg.wasm"]) {
  const bytes = readFileSync(path.join(dir, file));
  const out = `// Generated by scripts/build-pkg.sh: ${file} (${bytes.length} bytes) as base64, the embedded form.\n` +
    `export default "${bytes.toString("base64")}";\n`;
  writeFileSync(path.join(dir, file.replace(/\.wasm$/, "_base64.js")), out);
}
EOF
node --input-type=module - "$stage/package.json" "$version" <<'EOF'
import { readFileSync, writeFileSync } from "node:fs";
const [file, version] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(file, "utf8"));
pkg.version = version;
writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
EOF
chmod 755 "$stage"
rm -rf "$root/target/pkg-old"
[ -d pkg ] && mv pkg "$root/target/pkg-old"
mv "$stage" pkg
trap - EXIT
rm -rf "$root/target/pkg-old"
printf 'build-pkg: pkg/ wazper %s, wazper_bg.wasm %s bytes (gzip %s), wazper_proxy_bg.wasm %s bytes (gzip %s)\n' \
  "$version" "$(wc -c < pkg/wazper_bg.wasm)" "$(gzip -9c pkg/wazper_bg.wasm | wc -c)" \
  "$(wc -c < pkg/wazper_proxy_bg.wasm)" "$(gzip -9c pkg/wazper_proxy_bg.wasm | wc -c)"
