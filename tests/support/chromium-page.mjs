// One page in Debian's headless Chromium (playwright-core) with a persistent profile in TMPDIR, for
// the end-to-end suites that drive the demo page.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "./emulator.mjs";

const require = createRequire(import.meta.url);
const { chromium } = require(path.join(repoRoot, "node_modules/playwright-core"));

/**
 * Opens a page in a fresh profile named `${profilePrefix}XXXXXX`. The zone and language are fixed
 * (Europe/Paris, en-GB), so the demo's country pre-fill is checked, not assumed; `options` adds to
 * or replaces the context options. Uncaught page exceptions are pushed to `pageErrors`.
 * close() closes the browser and removes the profile.
 */
export async function openChromiumPage(profilePrefix, options = {}) {
  const profile = mkdtempSync(path.join(process.env.TMPDIR ?? os.tmpdir(), profilePrefix));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
    timezoneId: "Europe/Paris",
    locale: "en-GB",
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors = [];
  page.on("pageerror", (err) => pageErrors.push(String(err)));
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, pageErrors, close };
}
