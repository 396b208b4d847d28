// The demo in keyless mode (issue 15): headless Chromium on the demo page, served by a private
// emulator; the page calls examples/worker (`wrangler dev`, local) with no key and no country; the
// Worker fills the country from request.cf.country and forwards to the emulator; the page shows the
// country the emulator received.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { startEmulator, repoRoot } from "../support/emulator.mjs";

const require = createRequire(import.meta.url);
const { chromium } = require(path.join(repoRoot, "node_modules/playwright-core"));
const scratch = process.env.WAZPER_SCRATCH ?? path.join(repoRoot, ".scratch");
const artifacts = path.join(scratch, "artifacts");
const WAIT = 20000;

let emu, wrangler, workerUrl, context, page, profile;
const pageErrors = [];

/** `wrangler dev` in examples/worker as the README documents it, on a free port, for this emulator. */
function startExampleWorker(emulatorUrl) {
  wrangler = spawn(
    path.join(repoRoot, "node_modules/.bin/wrangler"),
    ["dev", "--ip", "127.0.0.1", "--port", "0",
      "--define", `WAZPER_BASE_URL:${JSON.stringify(emulatorUrl)}`,
      "--define", `WAZPER_DEMO_ORIGIN:${JSON.stringify(emulatorUrl)}`,
      "--var", "DEMO_ANONYMOUS:true"],
    { cwd: path.join(repoRoot, "examples/worker"), detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" } },
  );
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev did not start:\n${log}`)), 90_000);
    const onData = (chunk) => {
      log += chunk;
      const m = log.match(/Ready on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    wrangler.stdout.setEncoding("utf8").on("data", onData);
    wrangler.stderr.setEncoding("utf8").on("data", onData);
    wrangler.once("exit", (code) => { clearTimeout(timer); reject(new Error(`wrangler dev exited (${code}):\n${log}`)); });
  });
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  emu = await startEmulator(["--sync-delay-ms", "300"]);
  workerUrl = await startExampleWorker(emu.url);
  profile = mkdtempSync(path.join(process.env.TMPDIR ?? os.tmpdir(), "wazper-e2e-edge-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 900 },
    timezoneId: "Europe/Paris",
    locale: "en-GB",
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (err) => pageErrors.push(String(err)));
});

after(async () => {
  await context?.close();
  if (wrangler && wrangler.exitCode === null) {
    const exited = new Promise((done) => wrangler.once("exit", done));
    process.kill(-wrangler.pid, "SIGTERM"); // its own process group: wrangler and its workerd
    await exited;
  }
  await emu?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("keyless through the example Worker: no country given, the page shows the one the edge filled in", async () => {
  await page.goto(`${emu.url}/?edge=${encodeURIComponent(`${workerUrl}/wazper`)}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: WAIT });
  // The time zone pre-fills France; keyless mode empties it, and removes the key.
  assert.equal(await page.inputValue('[data-testid="country"]'), "France");
  await page.click('[data-testid="use-edge"]');
  assert.equal(await page.inputValue('[data-testid="base-url"]'), `${workerUrl}/wazper`);
  assert.equal(await page.inputValue('[data-testid="api-key"]'), "");
  assert.equal(await page.inputValue('[data-testid="country"]'), "");
  assert.equal(await page.isChecked('[data-testid="allow-browser"]'), false);

  const email = `grace${Date.now()}@acme.example`;
  await page.fill('[data-testid="email"]', email);
  await page.click('[data-testid="sync"]');
  const shown = page.locator('[data-testid="edge-country"]');
  await shown.waitFor({ state: "visible", timeout: WAIT });
  const country = await shown.getAttribute("data-country");

  // What the page shows is what reached the API: through the Worker, with the key it holds.
  const log = await (await fetch(`${emu.url}/__emulator/requests`)).json();
  const syncs = log.filter((r) => r.path === "/v1/user-sync");
  assert.equal(syncs.length, 1);
  const sent = JSON.parse(syncs[0].body).user;
  assert.equal(sent.email, email);
  assert.equal(sent.country, country);
  assert.ok(country.length > 1, "a country name");
  assert.equal(syncs[0].headers["x-api-key"], "demo_key");
  assert.match(await shown.textContent(), new RegExp(`filled in ${country} from your IP`));

  // The colleagues are listed through the Worker too.
  await page.locator('[data-testid="colleague-card"]').first().waitFor({ state: "visible", timeout: WAIT });
  const lists = (await (await fetch(`${emu.url}/__emulator/requests`)).json()).filter((r) => r.path === "/v1/colleagues-list");
  assert.ok(lists.length >= 1 && lists.every((r) => r.headers["x-api-key"] === "demo_key"));
  await page.screenshot({ path: path.join(artifacts, "demo-edge-country.png"), fullPage: true });
  assert.deepEqual(pageErrors, []);
});
