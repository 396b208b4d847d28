// A user's page bundled by `esbuild main.js --bundle --platform=browser`: no format, no plugin, no
// loader for .wasm. esbuild sets neither "production" nor "webpack", so it gets the embedded form.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { bundlerRow, devModules, indexHtml } from "../support/pkg-project.mjs";

bundlerRow({
  row: "esbuild",
  form: "embedded",
  files: { "dist/index.html": indexHtml("./bundle.js", { module: false }) },
  build(app) {
    execFileSync(path.join(devModules, ".bin/esbuild"), ["main.js", "--bundle", "--platform=browser", "--outfile=dist/bundle.js", "--log-level=error"], {
      cwd: app,
      stdio: ["ignore", "inherit", "inherit"],
    });
    return path.join(app, "dist");
  },
});
