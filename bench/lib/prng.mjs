// A small seeded PRNG (mulberry32) and the choices the corpus generators make with it:
// the same seed always gives the same corpus, byte for byte.
export function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    /** Integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** Picks by weight: entries are [weight, value]. */
    weighted: (entries) => {
      const total = entries.reduce((s, [w]) => s + w, 0);
      let r = next() * total;
      for (const [w, v] of entries) {
        r -= w;
        if (r < 0) return v;
      }
      return entries[entries.length - 1][1];
    },
    shuffle: (list) => {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    sample: (list, n) => rng.shuffle(list).slice(0, Math.min(n, list.length)),
    fork: (salt) => createRng((Math.floor(next() * 4294967296) ^ salt) >>> 0),
  };
  return rng;
}

/** Seed of a named item derived from the corpus seed (stable across runs and across item order). */
export function seedFor(base, name) {
  let h = 2166136261 ^ base;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}
