// The demo in keyless mode (issue 15): headless Chromium on the demo page, served by a private
// emulator; the page calls examples/worker (`wrangler dev`, local) with no key and no country; the
// Worker fills the country from request.cf.country and forwards to the emulator; the page shows the
// country the emulator received.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { openChromiumPage } from "../support/chromium-page.mjs";
import { startEmulator, repoRoot } from "../support/emulator.mjs";
import { startWranglerDev } from "../support/wrangler.mjs";

const scratch = process.env.WAZPER_SCRATCH ?? path.join(repoRoot, ".scratch");
const artifacts = path.join(scratch, "artifacts");
const WAIT = 20000;

let emu, wrangler, workerUrl, browser, page, pageErrors;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  emu = await startEmulator(["--sync-delay-ms", "300"]);
  // examples/worker as the README documents it, for this emulator.
  wrangler = await startWranglerDev(path.join(repoRoot, "examples/worker"), [
    "--define", `WAZPER_BASE_URL:${JSON.stringify(emu.url)}`,
    "--define", `WAZPER_DEMO_ORIGIN:${JSON.stringify(emu.url)}`,
    "--var", "DEMO_ANONYMOUS:true",
  ]);
  workerUrl = wrangler.url;
  browser = await openChromiumPage("wazper-e2e-edge-", { viewport: { width: 1280, height: 900 } });
  ({ page, pageErrors } = browser);
});

after(async () => {
  await browser?.close();
  await wrangler?.stop();
  await emu?.stop();
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
