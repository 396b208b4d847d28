// Starts a private wazper-emulator on a free loopback port for one test file, and stops it.
// Every suite gets its own instance, so state and injected faults never leak between suites.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function emulatorBin() {
  return process.env.WAZPER_EMULATOR_BIN ?? path.join(repoRoot, "target/debug/wazper-emulator");
}

/** @returns {Promise<{url: string, stop: () => Promise<void>}>} */
export function startEmulator(extraArgs = []) {
  const child = spawn(
    emulatorBin(),
    ["--host", "127.0.0.1", "--port", "0", "--www", path.join(repoRoot, "www"), "--pkg", path.join(repoRoot, "pkg"), ...extraArgs],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    let buffered = "";
    const onData = (chunk) => {
      buffered += chunk;
      const match = buffered.match(/listening on (http:\/\/\S+)/);
      if (!match) return;
      child.stdout.off("data", onData);
      child.stdout.resume();
      const stop = () =>
        new Promise((done) => {
          if (child.exitCode !== null) return done();
          child.once("exit", () => done());
          child.kill("SIGTERM");
        });
      resolve({ url: match[1], stop });
    };
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`wazper-emulator exited early (${code})`)));
  });
}
