// A user's page bundled by Rollup with @rollup/plugin-node-resolve and nothing else (no wasm or URL
// plugin). node-resolve's default conditions are default/module/import: the embedded form.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bundlerRow, devModules, indexHtml } from "../support/pkg-project.mjs";

bundlerRow({
  row: "rollup",
  form: "embedded",
  files: { "dist/index.html": indexHtml("./main.js") },
  async build(app) {
    const { rollup } = await import(pathToFileURL(path.join(devModules, "rollup/dist/es/rollup.js")).href);
    const { nodeResolve } = await import(pathToFileURL(path.join(devModules, "@rollup/plugin-node-resolve/dist/es/index.js")).href);
    const bundle = await rollup({ input: path.join(app, "main.js"), plugins: [nodeResolve()], onwarn() {} });
    await bundle.write({ dir: path.join(app, "dist"), format: "es" });
    await bundle.close();
    return path.join(app, "dist");
  },
});
