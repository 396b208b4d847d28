// A user's page bundled by webpack 5 with no configuration file: entry ./src/index.js, output
// dist/main.js, mode production. webpack sets "webpack" and "production": the asset form, the .wasm
// emitted through `new URL("./wazper_bg.wasm", import.meta.url)`.
import { createRequire } from "node:module";
import path from "node:path";
import { browserMain, bundlerRow, copyScenario, devModules, indexHtml } from "../support/pkg-project.mjs";

const require = createRequire(path.join(devModules, "webpack/package.json"));

bundlerRow({
  row: "webpack",
  form: "asset",
  files: { "src/index.js": browserMain("webpack"), "dist/index.html": indexHtml("./main.js", { module: false }) },
  build(app) {
    copyScenario(app, "src/scenario.mjs");
    const webpack = require("webpack");
    return new Promise((resolve, reject) => {
      // The default configuration, as the CLI runs it from the project folder.
      process.chdir(app);
      webpack({}, (err, stats) => {
        if (err) return reject(err);
        if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
        resolve(path.join(app, "dist"));
      });
    });
  },
});
