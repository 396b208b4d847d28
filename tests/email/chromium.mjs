// The same cases as email.test.mjs, in headless Chromium: the built package loaded as plain ESM
// (`await init()`), files served from the repo through playwright's request interception.
import { readFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const scratch = process.env.WAZPER_SCRATCH || process.env.TMPDIR || "/tmp";
const types = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".txt": "text/plain", ".html": "text/html", ".bin": "application/octet-stream" };

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
  // A sample of the domains two disposable lists agree on, for wazper/disposable in the page.
  // And the consumer domains two consumer lists agree on (as coverage.test.mjs, less institutions and
  // reviewed company domains).
  const { BUILD_CONSUMER, DISPOSABLE, HELD_OUT, lines, loadList } = await import("../../scripts/email-sources.mjs");
  const agreedBy = (lists) => {
    const count = new Map();
    for (const l of lists.map(loadList)) for (const d of l.domains) count.set(d, (count.get(d) ?? 0) + 1);
    return [...count].filter(([, n]) => n >= 2).map(([d]) => d);
  };
  const agreed = agreedBy(DISPOSABLE).filter((_, i) => i % 10 === 0);
  const reviewedWork = new Set(lines("data/email/exceptions.tsv").map((l) => l.split("\t")).filter(([, k]) => k === "work").map(([d]) => d));
  const INSTITUTION = /(^|\.)(edu|gov|mil|int)$|(^|\.)(ac|edu|gov|gob|gouv|govt|go|mil|k12)\.[a-z]{2}$|\.edu\.[a-z]{2}\.[a-z]{2}$/;
  const consumer = agreedBy([...BUILD_CONSUMER, ...HELD_OUT]).filter((d) => !INSTITUTION.test(d) && !reviewedWork.has(d));
  const result = await page.evaluate(async ({ agreed, consumer }) => {
    const w = await import("/pkg/wazper.js");
    await w.default();
    const { check } = await import("/tests/email/cases.mjs");
    const company = (await (await fetch("/data/email/company-domains.txt")).text())
      .split("\n").map((l) => l.replace(/#.*/, "").trim()).filter(Boolean);
    const out = check(w, company);
    const personal = consumer.filter((d) => w.isPersonalEmail(`someone@${d}`)).length / consumer.length;
    out.consumer = { personal, n: consumer.length };
    if (personal < 0.995) out.fails.push(`consumer coverage ${personal}`);
    // wazper/disposable as a wazper/web page uses it: the list's URL passed in, then the default
    // (beside the module) adds nothing more.
    const { loadDisposableDomains } = await import("/pkg/disposable.js");
    const share = () => agreed.filter((d) => w.classifyEmail(`x@${d}`).kind === "disposable").length / agreed.length;
    const before = share();
    const t0 = performance.now();
    const added = await loadDisposableDomains("/pkg/disposable-domains.bin");
    out.loadMs = performance.now() - t0;
    const again = await loadDisposableDomains();
    const after = share();
    out.disposable = { before, after, added, again, sample: agreed.length };
    if (!(added > 100000) || again !== 0 || after < 0.99) out.fails.push(`wazper/disposable: ${JSON.stringify(out.disposable)}`);
    for (const d of company) if (w.classifyEmail(`jane@${d}`).kind !== "work") out.fails.push(`company ${d} after the full list`);
    try {
      await loadDisposableDomains(new Uint8Array(4));
      out.fails.push("junk bytes accepted");
    } catch (e) {
      if (!(e instanceof TypeError)) out.fails.push(`junk bytes: ${e}`);
    }
    return out;
  }, { agreed, consumer });
  if (result.fails.length) {
    console.error(`chromium: ${result.fails.length} failures:\n  ${result.fails.join("\n  ")}`);
    console.log("0 passed, 1 failed");
    process.exitCode = 1;
  } else {
    console.log(`chromium: email helpers ok (company domains with a suggestion: ${result.suggested.length})`);
    console.log(`chromium: ${(100 * result.consumer.personal).toFixed(2)}% of ${result.consumer.n} agreed consumer domains personal`);
    const d = result.disposable;
    console.log(`chromium: wazper/disposable added ${d.added} in ${result.loadMs.toFixed(0)} ms; agreed sample of ${d.sample}: ${(100 * d.before).toFixed(2)}% disposable before, ${(100 * d.after).toFixed(2)}% after`);
    console.log("1 passed, 0 failed");
  }
} finally {
  await browser.close();
}
