// Every example in README.md, pkg-template/README.md and examples/**/README.md that states a result
// runs against the built package (pkg/) and must give that result (see harness.mjs for the
// convention). Client calls reach a private emulator: requests to https://api.wazper.com are
// redirected to it and process.env.WAZPER_API_KEY is one of its seed keys. Every other js block
// must at least parse.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { repoRoot, startEmulator } from "../support/emulator.mjs";
import { checkMarkdown, docFiles, ensureDir, extractBlocks, packageResolver, routeApiTo } from "./harness.mjs";

const scratch = ensureDir(path.join(process.env.WAZPER_SCRATCH ?? path.join(repoRoot, ".scratch"), "docs"));
const pkgDir = path.join(repoRoot, "pkg");
const files = docFiles(repoRoot, (dir) => readdirSync(dir, { withFileTypes: true }));

// Examples known to be false that another change is fixing: { "file": ..., "code": ... }. One that
// starts passing fails the suite, so the list cannot go stale.
const known = JSON.parse(readFileSync(new URL("./known-failures.json", import.meta.url), "utf8"));

let emulator;
let unroute;
before(async () => {
  emulator = await startEmulator();
  unroute = routeApiTo(emulator.url);
  process.env.WAZPER_API_KEY = "demo_key";
});
after(async () => {
  unroute?.();
  await emulator?.stop();
});

test("the checked Markdown files exist", () => {
  assert.ok(files.includes("README.md") && files.includes("pkg-template/README.md"));
  assert.ok(files.some((f) => f.startsWith("examples/")), "examples/**/README.md");
});

for (const file of files) {
  test(`${file}: every stated result is true`, async (t) => {
    const resolve = packageResolver(pkgDir, scratch);
    const results = await checkMarkdown(path.join(repoRoot, file), { resolve, scratchDir: scratch, label: file });
    const failures = [];
    for (const r of results) {
      const isKnown = known.some((k) => k.file === file && r.code.includes(k.code));
      if (isKnown && r.ok) failures.push(`${r.where}: ${r.code} is listed in known-failures.json but now passes: remove it`);
      else if (isKnown) t.diagnostic(`known failure (being fixed elsewhere): ${r.where}: ${r.code} ${r.message}`);
      else if (!r.ok) failures.push(`${r.where}: ${r.code} ${r.message}`);
    }
    t.diagnostic(`${results.length} stated results checked`);
    assert.deepEqual(failures, []);
  });

  test(`${file}: every js example parses as a module`, () => {
    const blocks = extractBlocks(readFileSync(path.join(repoRoot, file), "utf8"));
    blocks.forEach((block, i) => {
      const f = path.join(scratch, `syntax-${process.pid}-${i}.mjs`);
      writeFileSync(f, block.code);
      try {
        execFileSync(process.execPath, ["--check", f], { stdio: "pipe" });
      } catch (e) {
        assert.fail(`${file}:${block.line}: the example does not parse:\n${e.stderr}`);
      }
    });
  });
}
