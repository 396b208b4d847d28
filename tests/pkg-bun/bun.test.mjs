// A user's Bun program: the tarball in node_modules, `import ... from "wazper"`, `bun main.mjs`. Bun
// matches "node" (unbundled: neither "module" nor "development"), so it reads the .wasm file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { emulatorForThisFile } from "../support/emulator-per-file.mjs";
import { bunBin, copyScenario, packedProject, reportScenario } from "../support/pkg-project.mjs";

const { scratch, app } = packedProject("pkg-bun", {
  files: {
    "main.mjs": `import * as wazper from "wazper";
import { runScenario } from "./scenario.mjs";
const result = await runScenario({ wazper, baseUrl: process.argv[2], runtime: "bun", browser: false, endpoints: "all" });
process.stdout.write(JSON.stringify(result));
`,
    // Timers, randomness and network trapped before the import: the entry may only read its .wasm.
    "guard.mjs": `const used = [];
const trap = (obj, key) => { const f = obj[key]; obj[key] = function (...a) { used.push(key); return f.apply(this, a); }; };
for (const k of ["setTimeout", "setInterval", "setImmediate", "fetch"]) trap(globalThis, k);
trap(Math, "random");
trap(crypto, "getRandomValues");
const w = await import("wazper");
process.stdout.write(JSON.stringify({ used, resolved: import.meta.resolve("wazper"), sample: w.normalizeCountry("Allemagne", "alpha2") }));
`,
  },
});
copyScenario(app);
const env = { ...process.env, BUN_INSTALL_CACHE_DIR: path.join(scratch, "bun-cache"), DO_NOT_TRACK: "1" };
const bun = (args) => execFileSync(bunBin, args, { cwd: app, env, encoding: "utf8" });

const emulator = emulatorForThisFile();

test("bun: the Node entry, no timers, randomness or network at import", () => {
  const r = JSON.parse(bun(["guard.mjs"]));
  assert.deepEqual(r.used, []);
  assert.match(r.resolved, /node_modules\/wazper\/node\.js$/);
  assert.equal(r.sample, "DE");
});

test("bun: helpers and every endpoint against the emulator", async (t) => {
  await reportScenario(t, JSON.parse(bun(["main.mjs", emulator.url])));
});
