// scripts/release.sh (make release) against a stub npm registry on loopback, so the suite needs no
// network and can never publish anything. Each refusal case runs on a copy of pkg/ (or of the
// changelog / Cargo.toml) with one thing broken, and must fail with its own message.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
const pkgJson = JSON.parse(readFileSync(join(root, "pkg/package.json"), "utf8"));
const version = pkgJson.version;
let registry;
let published = null; // a version the stub says exists
const requests = [];
let scratch;

before(async () => {
  registry = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.method === "GET" && req.url === "/wazper" && published) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ name: "wazper", "dist-tags": { latest: published }, versions: { [published]: { name: "wazper", version: published } } }));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end('{"error":"Not found"}');
  });
  await new Promise((r) => registry.listen(0, "127.0.0.1", r));
  scratch = mkdtempSync(join(process.env.WAZPER_SCRATCH || tmpdir(), "release-"));
});

after(() => {
  registry.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs make release's script (dry run unless env says otherwise) on prebuilt inputs. Asynchronous:
 * the stub registry answers from this same process. */
function release(env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn("scripts/release.sh", [], {
      cwd: root,
      env: {
        ...process.env,
        RELEASE: "",
        WAZPER_RELEASE_NO_BUILD: "1",
        npm_config_registry: `http://127.0.0.1:${registry.address().port}/`,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** A copy of pkg/ with `change` applied, as WAZPER_RELEASE_PKG. */
function brokenPkg(name, change) {
  const dir = join(scratch, name);
  cpSync(join(root, "pkg"), dir, { recursive: true });
  change(dir);
  return { WAZPER_RELEASE_PKG: dir };
}

function brokenFile(name, file, change) {
  const p = join(scratch, name);
  writeFileSync(p, change(readFileSync(join(root, file), "utf8")));
  return p;
}

test("the built package passes and the dry run reaches npm publish", async () => {
  requests.length = 0;
  const r = await release();
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, new RegExp(`release: ok {3}version ${version.replace(/\./g, "\\.")} \\(Cargo.toml = package.json\\)`));
  assert.match(r.out, /release: ok {3}changelog entry/);
  assert.match(r.out, /release: ok {3}tarball: \d+ files/);
  assert.match(r.out, /release: ok {3}size: packed \d+ B/);
  assert.match(r.out, /\(dry-run\)/);
  assert.match(r.out, new RegExp(`\\+ wazper@${version.replace(/\./g, "\\.")}`));
  // The dry run asked the (stub) registry about the package and published nothing.
  assert.ok(requests.includes("GET /wazper"), requests.join(", "));
  assert.ok(!requests.some((q) => q.startsWith("PUT")), requests.join(", "));
});

test("a version the registry already has is refused", async () => {
  published = version;
  try {
    const r = await release();
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.out, /cannot publish over the previously published versions/);
  } finally {
    published = null;
  }
});

test("package.json and Cargo.toml must agree on the version", async () => {
  const env = brokenPkg("version", (dir) => {
    const p = join(dir, "package.json");
    writeFileSync(p, readFileSync(p, "utf8").replace(`"version": "${version}"`, '"version": "9.9.9"'));
  });
  const r = await release(env);
  assert.notEqual(r.code, 0);
  assert.match(r.out, new RegExp(`FAIL version: Cargo.toml says ${version.replace(/\./g, "\\.")}, .* says 9\\.9\\.9`));
  assert.match(r.out, /nothing published/);
  assert.doesNotMatch(r.out, /\(dry-run\)/);
});

test("the version needs a changelog entry with content", async () => {
  const missing = brokenFile("CHANGELOG-missing.md", "CHANGELOG.md", (s) => s.replaceAll(`## [${version}]`, "## [0.0.0]"));
  let r = await release({ WAZPER_RELEASE_CHANGELOG: missing });
  assert.notEqual(r.code, 0);
  assert.match(r.out, new RegExp(`FAIL changelog: no "## \\[${version.replace(/\./g, "\\.")}\\] - DATE" entry`));
  const empty = join(scratch, "CHANGELOG-empty.md");
  writeFileSync(empty, `# Changelog\n\n## [${version}] - 2026-01-01\n\n## [0.0.1] - 2025-01-01\n- old\n`);
  r = await release({ WAZPER_RELEASE_CHANGELOG: empty });
  assert.notEqual(r.code, 0);
  assert.match(r.out, /FAIL changelog: the .* entry is empty/);
});

test("a real release needs a dated entry and publishes nothing without one", async () => {
  const undated = join(scratch, "CHANGELOG-undated.md");
  writeFileSync(undated, `# Changelog\n\n## [${version}] - Unreleased\n- something\n`);
  requests.length = 0;
  // A clean tree is checked first; in a dirty checkout that refusal is the one we see. Either way
  // nothing may reach the registry.
  const r = await release({ RELEASE: "1", WAZPER_RELEASE_CHANGELOG: undated });
  assert.notEqual(r.code, 0, r.out);
  assert.match(r.out, /FAIL (changelog: a real release needs a date|the git tree has uncommitted changes)/);
  assert.deepEqual(requests, []);
});

test("Cargo.toml without a package version is refused", async () => {
  const cargo = brokenFile("Cargo-noversion.toml", "Cargo.toml", (s) => s.replace(/^version = .*$/m, ""));
  const r = await release({ WAZPER_RELEASE_CARGO_TOML: cargo });
  assert.notEqual(r.code, 0);
  assert.match(r.out, /FAIL no \[package\] version/);
});

test("a file package.json names must be packed", async () => {
  const env = brokenPkg("missing-file", (dir) => unlinkSync(join(dir, "web.js")));
  const r = await release(env);
  assert.notEqual(r.code, 0);
  assert.match(r.out, /FAIL tarball: web\.js \(named in package\.json\) missing/);
});

test("a file an entry imports must be packed", async () => {
  const env = brokenPkg("missing-import", (dir) => unlinkSync(join(dir, "error.js")));
  const r = await release(env);
  assert.notEqual(r.code, 0);
  assert.match(r.out, /FAIL tarball: \w+\.js refers to \.\/error\.js, which is not packed/);
});

test("stray and unexpected files are refused", async () => {
  const env = brokenPkg("stray", (dir) => {
    writeFileSync(join(dir, "debug.js"), "export const x = 1;\n"); // packed ("*.js"), reached by nothing
    writeFileSync(join(dir, "wazper.js.map"), "{}"); // not packed by "files", so not a failure
  });
  const r = await release(env);
  assert.notEqual(r.code, 0);
  assert.match(r.out, /FAIL tarball: debug\.js is packed but nothing refers to it/);
  assert.doesNotMatch(r.out, /wazper\.js\.map/);
});

test("the size budgets are enforced", async () => {
  let r = await release({ WAZPER_RELEASE_MAX_PACKED: "1000" });
  assert.notEqual(r.code, 0);
  assert.match(r.out, /FAIL size: packed \d+ B \(budget 1000\)/);
  r = await release({ WAZPER_RELEASE_MAX_UNPACKED: "1000" });
  assert.notEqual(r.code, 0);
  assert.match(r.out, /FAIL size: packed \d+ B .*unpacked \d+ B \(budget 1000\)/);
});

test("a wasm the size of a debug build is refused", async () => {
  // Not a budget tweak: a real oversized file, as a debug build would be.
  const env = brokenPkg("big-wasm", (dir) => {
    const p = join(dir, "wazper_bg.wasm");
    const wasm = readFileSync(p);
    writeFileSync(p, Buffer.concat([wasm, Buffer.alloc(700_000)]));
  });
  const r = await release(env);
  assert.notEqual(r.code, 0);
  assert.match(r.out, /FAIL size: wazper_bg\.wasm is \d+ B \(budget 600000 per \.wasm\): a debug build\?/);
});
