// The email helpers of the built package (pkg/, wasm-bindgen --target web output) in Node.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath, pathToFileURL } from "node:url";
import { check } from "./cases.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const w = await import(pathToFileURL(join(root, "pkg/wazper.js")).href);
w.initSync({ module: readFileSync(join(root, "pkg/wazper_bg.wasm")) });
export const company = readFileSync(join(root, "data/email/company-domains.txt"), "utf8")
  .split("\n").map((l) => l.replace(/#.*/, "").trim()).filter(Boolean);

test("company test set has 1,000+ domains", () => assert.ok(company.length >= 1000, String(company.length)));

test("helpers behave as the contract says, on any value", () => {
  const { fails, suggested } = check(w, company);
  console.log(`# company domains with a suggestion: ${suggested.length} of ${company.length}`);
  assert.deepEqual(fails, []);
});

test("typos of listed providers are suggested, never for known ones (both directions, many)", () => {
  // Every popular provider with one letter doubled gets a suggestion back to a personal provider.
  const popular = readFileSync(join(root, "data/email/popular.txt"), "utf8").split("\n").map((l) => l.replace(/#.*/, "").trim()).filter(Boolean);
  let got = 0;
  for (const p of popular) {
    assert.equal(w.classifyEmail(`a@${p}`).suggestion, null, p);
    const typo = p.replace(/^(.)(.)/, "$2$1"); // swap the first two letters
    const s = w.classifyEmail(`a@${typo}`).suggestion;
    if (s) {
      got++;
      assert.ok(w.isPersonalEmail(s), `${typo} -> ${s}`);
    }
  }
  assert.ok(got >= popular.length / 2, `only ${got} of ${popular.length} transposition typos suggested`);
});

test("the generator reproduces the committed tables", () => {
  execFileSync("node", [join(root, "scripts/gen-email-data.mjs"), "--check"], { stdio: "inherit" });
});
