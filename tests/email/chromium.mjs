// The same cases as email.test.mjs, in headless Chromium: the built package loaded as plain ESM
// (`await init()`), files served from the repo through playwright's request interception.
import { readFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const scratch = process.env.WAZPER_SCRATCH || process.env.TMPDIR || "/tmp";
const types = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".txt": "text/plain", ".html": "text/html" };

const browser = await chromium.launchPersistentContext(join(scratch, `chromium-email-${process.pid}`), {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  await page.route("http://wazper.test/**", (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === "/") return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>email</title>" });
    try {
      route.fulfill({ contentType: types[extname(path)] || "application/octet-stream", body: readFileSync(join(root, path)) });
    } catch {
      route.fulfill({ status: 404, body: "" });
    }
  });
  await page.goto("http://wazper.test/");
  const result = await page.evaluate(async () => {
    const w = await import("/pkg/wazper.js");
    await w.default();
    const { check } = await import("/tests/email/cases.mjs");
    const company = (await (await fetch("/data/email/company-domains.txt")).text())
      .split("\n").map((l) => l.replace(/#.*/, "").trim()).filter(Boolean);
    return check(w, company);
  });
  if (result.fails.length) {
    console.error(`chromium: ${result.fails.length} failures:\n  ${result.fails.join("\n  ")}`);
    console.log("0 passed, 1 failed");
    process.exitCode = 1;
  } else {
    console.log(`chromium: email helpers ok (company domains with a suggestion: ${result.suggested.length})`);
    console.log("1 passed, 0 failed");
  }
} finally {
  await browser.close();
}
