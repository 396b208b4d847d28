// A user's Deno program: the tarball in node_modules (as `npm install wazper` or `deno install` leaves
// it), `import ... from "wazper"`, run with the permissions the README gives: none for the helpers,
// --allow-net for the API host only for the client. Deno matches the "deno" condition: the embedded
// form, so no --allow-read and no Node fs module.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { emulatorForThisFile } from "../support/emulator-per-file.mjs";
import { copyScenario, denoBin, packedProject, reportScenario } from "../support/pkg-project.mjs";

const { scratch, app } = packedProject("pkg-deno", {
  files: {
    "main.mjs": `import * as wazper from "wazper";
import { runScenario } from "./scenario.mjs";
const result = await runScenario({ wazper, baseUrl: Deno.args[0], runtime: "deno", browser: false, endpoints: "all" });
console.log(JSON.stringify(result));
`,
    // The README's Deno example, with no permission flag.
    "helpers.mjs": `import { isPersonalEmail, normalizeCountry, classifyEmail } from "wazper";
console.log(JSON.stringify([isPersonalEmail("bob@gmail.com"), normalizeCountry("Deutschland"), classifyEmail("john@gmial.com").suggestion]));
`,
  },
});
copyScenario(app);

const env = { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", DENO_DIR: path.join(scratch, "deno-dir") };
const deno = (args) => spawnSync(denoBin, ["run", "--no-prompt", "--no-lock", ...args], { cwd: app, env, encoding: "utf8" });

const emulator = emulatorForThisFile();

test("deno: the helpers run with no permission flag at all", () => {
  const r = deno(["helpers.mjs"]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [true, "Germany", "john@gmail.com"]);
});

test("deno: the client needs --allow-net for the API host, and nothing else", async (t) => {
  const { host } = new URL(emulator.url);
  const denied = deno(["main.mjs", emulator.url]);
  const deniedResult = JSON.parse(denied.stdout);
  const call = deniedResult.checks.find((c) => c.name === "userSync");
  assert.ok(call && !call.ok && /network error/.test(call.error), `without --allow-net: ${JSON.stringify(call)}`);
  const r = deno([`--allow-net=${host}`, "main.mjs", emulator.url]);
  assert.equal(r.status, 0, r.stderr);
  await reportScenario(t, JSON.parse(r.stdout));
});

test("deno: resolves the embedded entry (the deno condition), not the Node one", () => {
  const out = execFileSync(denoBin, ["eval", "--no-lock", 'console.log(import.meta.resolve("wazper"))'], { cwd: app, env, encoding: "utf8" });
  assert.match(out.trim(), /node_modules\/wazper\/embedded\.js$/);
});
