// wazper/disposable in a Cloudflare module Worker: the package from its npm tarball, bundled by
// wrangler as `wrangler deploy` does (its default rules load `*.bin` as Data), run in workerd through
// miniflare. The Worker loads the full list on its first request, never at module scope.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { packedProject } from "../support/pkg-project.mjs";
import { bundleAndStartWorker } from "../support/wrangler.mjs";

const { scratch, app } = packedProject("email-workers", {
  files: {
    "wrangler.toml": `name = "wazper-disposable-test"
main = "worker.js"
compatibility_date = "2026-04-01"
`,
    "worker.js": `import { classifyEmail, isPersonalEmail } from "wazper";
import { loadDisposableDomains } from "wazper/disposable";

export default {
  async fetch(request) {
    const emails = await request.json();
    const before = emails.map((e) => classifyEmail(e).kind);
    const added = await loadDisposableDomains();
    const again = await loadDisposableDomains();
    const after = emails.map((e) => classifyEmail(e).kind);
    return Response.json({ before, added, again, after, personal: emails.map((e) => isPersonalEmail(e)) });
  },
};
`,
  },
});
const dist = path.join(app, "dist");

let mf;
before(async () => {
  mf = await bundleAndStartWorker({
    app,
    dist,
    logDir: path.join(scratch, "wrangler-logs"),
    miniflare: {
      modulesRoot: dist,
      modulesRules: [
        { type: "CompiledWasm", include: ["**/*.wasm"] },
        { type: "Data", include: ["**/*.bin"] },
      ],
    },
  });
});
after(async () => {
  await mf?.dispose();
});

test("wrangler bundled the list as a Data module beside the Worker", () => {
  const files = readdirSync(dist);
  assert.ok(files.some((f) => f.endsWith(".bin")), `no .bin module among ${files.join(", ")}`);
  assert.match(readFileSync(path.join(dist, "worker.js"), "utf8"), /import \w+ from "\.\/[^"]*disposable-domains\.bin"/);
});

test("in workerd: loadDisposableDomains() extends the detector once", async () => {
  const emails = ["x@gettempmail.com", "x@gmail.com", "x@acme.example", "x@mailinator.com"];
  const res = await mf.dispatchFetch("http://worker.test/", { method: "POST", body: JSON.stringify(emails) });
  const text = await res.text();
  assert.equal(res.status, 200, text.slice(0, 2000));
  const r = JSON.parse(text);
  assert.deepEqual(r.before, ["work", "personal", "work", "disposable"]);
  assert.ok(r.added > 100_000, String(r.added));
  assert.equal(r.again, 0);
  assert.deepEqual(r.after, ["disposable", "personal", "work", "disposable"]);
  assert.deepEqual(r.personal, [true, true, false, true]);
});
