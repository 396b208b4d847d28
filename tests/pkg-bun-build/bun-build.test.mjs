// A user's code bundled by `bun build` (Bun from npm: @oven/bun-linux-x64). --target=browser is run in
// Chromium; --target=node is run by Node after the output moves to another folder, with no .wasm
// beside it. bun build sets "development" (and "node" for --target=node): the embedded form.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { startEmulator } from "../support/emulator.mjs";
import { bundlerRow, bunBin, copyScenario, indexHtml, reportScenario, WASM_BASE64_MAGIC } from "../support/pkg-project.mjs";

const SERVER = `import * as wazper from "wazper";
import { runScenario } from "./scenario.mjs";
const result = await runScenario({ wazper, baseUrl: process.argv[2], runtime: "bun-build-node", browser: false, endpoints: "one" });
process.stdout.write(JSON.stringify(result));
`;

const { app, scratch } = bundlerRow({
  row: "bun-build",
  form: "embedded",
  files: { "dist/index.html": indexHtml("./main.js"), "server.mjs": SERVER },
  build(app) {
    execFileSync(bunBin, ["build", "main.js", "--target=browser", "--outdir=dist"], { cwd: app, stdio: ["ignore", "ignore", "inherit"] });
    return path.join(app, "dist");
  },
});

test("bun-build: --target=node output runs in Node from another folder", async (t) => {
  copyScenario(app);
  execFileSync(bunBin, ["build", "server.mjs", "--target=node", "--outfile=out/server.mjs"], { cwd: app, stdio: ["ignore", "ignore", "inherit"] });
  const elsewhere = path.join(scratch, "elsewhere");
  mkdirSync(elsewhere, { recursive: true });
  copyFileSync(path.join(app, "out/server.mjs"), path.join(elsewhere, "server.mjs"));
  assert.ok(readFileSync(path.join(elsewhere, "server.mjs"), "utf8").includes(WASM_BASE64_MAGIC), "the wasm is embedded");
  const emulator = await startEmulator();
  try {
    const out = execFileSync(process.execPath, ["server.mjs", emulator.url], { cwd: elsewhere, encoding: "utf8" });
    await reportScenario(t, JSON.parse(out));
  } finally {
    await emulator.stop();
  }
});

// The documented gap: --production drops "development", so Bun's node bundle takes the Node entry,
// whose .wasm is not beside the output. It must fail at once and say what to do, not with a bare ENOENT.
test("bun-build: --production --target=node elsewhere fails with a message naming the fix", () => {
  execFileSync(bunBin, ["build", "server.mjs", "--production", "--target=node", "--outfile=out/prod.mjs"], { cwd: app, stdio: ["ignore", "ignore", "inherit"] });
  const elsewhere = path.join(scratch, "elsewhere-prod");
  mkdirSync(elsewhere, { recursive: true });
  copyFileSync(path.join(app, "out/prod.mjs"), path.join(elsewhere, "server.mjs"));
  const r = spawnSync(process.execPath, ["server.mjs", "http://127.0.0.1:9"], { cwd: elsewhere, encoding: "utf8" });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /wazper: cannot read .*wazper_bg\.wasm.*copy node_modules\/wazper\/wazper_bg\.wasm beside it/);
});
