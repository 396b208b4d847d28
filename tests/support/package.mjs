// The built package (pkg/, from scripts/build-pkg.sh) through its Node entry, as `import "wazper"` gives it.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "./emulator.mjs";

export function loadBuiltPackage() {
  return import(pathToFileURL(path.join(repoRoot, "pkg", "node.js")).href);
}
