// A private emulator for the tests of one file: started before them, stopped after them.
import { after, before } from "node:test";
import { startEmulator } from "./emulator.mjs";

/** Registers before/after hooks; the returned object's `url` is the emulator's once the tests run. */
export function emulatorForThisFile(extraArgs = []) {
  let emulator;
  before(async () => {
    emulator = await startEmulator(extraArgs);
  });
  after(async () => {
    await emulator?.stop();
  });
  return {
    get url() {
      return emulator.url;
    },
  };
}
