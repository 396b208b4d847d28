// The package's types as a TypeScript user gets them: installed from the tarball, resolved through
// the `types` export condition, checked with --strict.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { devModules, makeProject, packPackage, scratchDir } from "../support/pkg-project.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const tsc = path.join(devModules, "typescript/bin/tsc");
const scratch = scratchDir("pkg-types");
const { tarball } = packPackage(scratch);
const app = makeProject(path.join(scratch, "app"), tarball);
copyFileSync(path.join(here, "uses.ts"), path.join(app, "uses.ts"));
copyFileSync(path.join(here, "misuse.ts"), path.join(app, "misuse.ts"));

const config = (resolution, files) =>
  JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: "es2022",
      lib: ["es2022", "dom"],
      types: [],
      skipLibCheck: false,
      noUnusedLocals: false,
      ...(resolution === "bundler" ? { module: "esnext", moduleResolution: "bundler" } : { module: "nodenext", moduleResolution: "nodenext" }),
    },
    files,
  });

function runTsc(name, resolution, files) {
  const project = path.join(app, `tsconfig.${name}.json`);
  writeFileSync(project, config(resolution, files));
  const r = spawnSync(process.execPath, [tsc, "-p", project, "--pretty", "false"], { cwd: app, encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}


for (const resolution of ["bundler", "nodenext"]) {
  test(`every export type-checks under --strict (moduleResolution ${resolution}) and each misuse is caught`, () => {
    const r = runTsc(`uses-${resolution}`, resolution, ["uses.ts"]);
    assert.equal(r.status, 0, r.out);
  });
}

test("a misuse without @ts-expect-error fails to compile", () => {
  const r = runTsc("misuse", "bundler", ["misuse.ts"]);
  assert.notEqual(r.status, 0, "tsc accepted misuse.ts");
  assert.match(r.out, /misuse\.ts\(4,7\)/, r.out);
  assert.match(r.out, /misuse\.ts\(5,/, r.out);
});
