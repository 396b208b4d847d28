// Seeded randomness for the junk (fuzz) tests: every run prints its seed, and JUNK_SEED replays it.

/** @returns {{ seed: number, rand: () => number, pick: <T>(xs: T[]) => T, chance: (p: number) => boolean }} */
export function seededRandom(label) {
  const seed = Number(process.env.JUNK_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`${label} seed: ${seed} (rerun with JUNK_SEED=${seed})`);
  // mulberry32: small, seedable, good enough for picking junk.
  let state = seed >>> 0;
  function rand() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return { seed, rand, pick: (xs) => xs[Math.floor(rand() * xs.length)], chance: (p) => rand() < p };
}
