// `wazper/disposable` in Node >= 20 (and Deno and Bun, which match the "node" condition): the list is
// read from beside this file.
import { readFile } from "node:fs/promises";
import "./node.js";
import { loader } from "./disposable-core.js";

export const loadDisposableDomains = loader(() => readFile(new URL("./disposable-domains.bin", import.meta.url)));
