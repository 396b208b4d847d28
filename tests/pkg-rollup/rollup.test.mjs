// A user's page bundled by Rollup with @rollup/plugin-node-resolve and nothing else (no wasm or URL
// plugin). node-resolve's default conditions are default/module/import: the embedded form.
import { bundleWithRollup, bundlerRow, indexHtml } from "../support/pkg-project.mjs";

bundlerRow({
  row: "rollup",
  form: "embedded",
  files: { "dist/index.html": indexHtml("./main.js") },
  build: bundleWithRollup,
});
