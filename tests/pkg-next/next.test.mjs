// A user's Next.js app: `npm install wazper`, a client component and a route handler that import it,
// no next.config, `next build` then `next start`. Next and React resolve from the repository's
// node_modules by walking up from the scratch app (Turbopack refuses a symlinked node_modules); the
// package itself is installed from the tarball for real.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { startEmulator } from "../support/emulator.mjs";
import {
  bundleSize, copyScenario, devModules, launchChromium, makeProject, packPackage, readJsonAnswer, repoRoot, reportScenario, runPage, scratchDir, WASM_BASE64_MAGIC,
} from "../support/pkg-project.mjs";

const scratch = scratchDir("pkg-next");
assert.ok(scratch.startsWith(repoRoot + path.sep), "the Next app must sit inside the repository to resolve next and react");
const { tarball } = packPackage(scratch);
const app = makeProject(path.join(scratch, "app"), tarball, {
  packageJson: { scripts: { build: "next build", start: "next start" } },
  files: {
    "app/layout.js": `export const metadata = { title: "wazper in next" };
export default function RootLayout({ children }) {
  return <html lang="en"><body>{children}</body></html>;
}
`,
    "app/page.js": `import Check from "./check.js";
export default function Page() {
  return <main><Check /></main>;
}
`,
    // A client component: rendered on the server first (the helper runs there too), then hydrated.
    "app/check.js": `"use client";
import { useEffect } from "react";
import * as wazper from "wazper";
import { runScenario } from "../scenario.mjs";

export default function Check() {
  useEffect(() => {
    const baseUrl = new URLSearchParams(location.search).get("api");
    runScenario({ wazper, baseUrl, runtime: "next-client", browser: true, endpoints: "one" }).then(
      (result) => { window.__wazperResult = result; },
      (err) => { window.__wazperResult = { fatal: String((err && err.stack) || err) }; },
    );
  }, []);
  return <p id="ssr">{wazper.normalizeCountry("Deutschland")}</p>;
}
`,
    "app/api/check/route.js": `import * as wazper from "wazper";
import { runScenario } from "../../../scenario.mjs";

export const dynamic = "force-dynamic";

export async function GET(request) {
  const baseUrl = new URL(request.url).searchParams.get("api");
  return Response.json(await runScenario({ wazper, baseUrl, runtime: "next-route", browser: false, endpoints: "one" }));
}
`,
  },
});
copyScenario(app);

const nextBin = path.join(devModules, "next/dist/bin/next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CI: "true" };

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function answering(url, what) {
  const deadline = Date.now() + 60000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health-probe`)).status) return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${what} did not answer within 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function stop(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

let emulator, server, origin, browser;
before(async () => {
  execFileSync(process.execPath, [nextBin, "build"], { cwd: app, env, stdio: ["ignore", "ignore", "inherit"] });
  emulator = await startEmulator();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], { cwd: app, env, stdio: ["ignore", "ignore", "inherit"] });
  await answering(origin, "next start");
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await stop(server);
  await emulator?.stop();
});

test("next build: the client bundle carries one form of the wasm, never the Node entry", (t) => {
  const staticDir = path.join(app, ".next/static");
  const size = bundleSize(staticDir);
  t.diagnostic(`next client: ${size.files.length} files, ${size.raw} B, gzip ${size.gzip} B (React and Next included)`);
  const js = size.files.filter((f) => f.endsWith(".js")).map((f) => readFileSync(path.join(staticDir, f), "utf8")).join("\n");
  assert.ok(!/node:fs|readFileSync\(/.test(js), "the Node entry reached the client bundle");
  assert.equal(size.wasm.length, 1, `the asset form: one .wasm among ${size.files.join(", ")}`);
  assert.ok(!js.includes(WASM_BASE64_MAGIC), "no embedded copy in the client bundle as well");
});

test("next start: the server-rendered client component ran the helper", async () => {
  const html = await (await fetch(`${origin}/`)).text();
  assert.match(html, /<p id="ssr">Germany<\/p>/);
});

test("next start: the client component in Chromium: helpers and one API call", async (t) => {
  const { result, problems, failedResponses } = await runPage(browser, `${origin}/?api=${encodeURIComponent(emulator.url)}`);
  await reportScenario(t, result);
  assert.deepEqual(failedResponses.filter((r) => r.url.startsWith(origin)), [], "the app's own files all loaded");
  assert.deepEqual(problems.filter((p) => !/status of 4\d\d/.test(p)), [], "console errors or failed requests");
});

test("next start: the route handler: helpers and one API call", async (t) => {
  const res = await fetch(`${origin}/api/check?api=${encodeURIComponent(emulator.url)}`);
  await reportScenario(t, await readJsonAnswer(res, "the route"));
  assert.ok(existsSync(path.join(app, ".next/server")), "a server build");
});

// `next dev` on the same app: the dev build matches "development", so the client and the server
// both get the embedded form; no next.config either.
test("next dev: server rendering and the client component in Chromium", async (t) => {
  const port = await freePort();
  const devOrigin = `http://127.0.0.1:${port}`;
  const dev = spawn(process.execPath, [nextBin, "dev", "-H", "127.0.0.1", "-p", String(port)], { cwd: app, env, stdio: ["ignore", "ignore", "inherit"] });
  try {
    await answering(devOrigin, "next dev");
    const html = await (await fetch(`${devOrigin}/`)).text();
    assert.match(html, /<p id="ssr">Germany<\/p>/);
    const { result, problems, failedResponses } = await runPage(browser, `${devOrigin}/?api=${encodeURIComponent(emulator.url)}`, { timeoutMs: 120000 });
    await reportScenario(t, result);
    // The dev server has no favicon; anything else of its own must load.
    assert.deepEqual(failedResponses.filter((r) => r.url.startsWith(devOrigin) && !r.url.endsWith("/favicon.ico")), [], "the app's own files all loaded");
    assert.deepEqual(problems.filter((p) => !/status of 4\d\d/.test(p)), [], "console errors or failed requests");
  } finally {
    await stop(dev);
  }
});
