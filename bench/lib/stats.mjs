// Timing statistics: medians and percentiles over repeated runs (warm-up runs are discarded).
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    medianMs: round(quantile(sorted, 0.5)),
    p95Ms: round(quantile(sorted, 0.95)),
    minMs: round(sorted[0]),
    maxMs: round(sorted[sorted.length - 1]),
  };
}

export function round(x, digits = 3) {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Runs fn repeatedly: `warmup` discarded runs, then until `runs` samples are taken or `budgetMs`
 * of measured time has passed (at least `minRuns`). fn receives the run index; returns ms samples.
 */
export function measure(fn, { warmup = 5, runs = 50, minRuns = 5, budgetMs = 5000 } = {}) {
  let i = 0;
  for (let w = 0; w < warmup; w++) fn(i++);
  const samples = [];
  let spent = 0;
  while (samples.length < runs && (samples.length < minRuns || spent < budgetMs)) {
    const t0 = performance.now();
    fn(i++);
    const dt = performance.now() - t0;
    samples.push(dt);
    spent += dt;
  }
  return samples;
}

/** Repetition plan by file size: small files get many runs, 20,000-line files a few. */
export function plan(lines) {
  if (lines <= 500) return { warmup: 20, runs: 200, minRuns: 30, budgetMs: 3000 };
  if (lines <= 5000) return { warmup: 8, runs: 60, minRuns: 15, budgetMs: 4000 };
  return { warmup: 3, runs: 15, minRuns: 5, budgetMs: 6000 };
}

export function fmtMs(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return 'n/a';
  if (ms >= 10000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function fmtRatio(x) {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  return x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`;
}

/** The median of a list (the lower middle of an even count), rounded. */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? round(s[Math.floor((s.length - 1) / 2)]) : null;
};

/**
 * Measures several cases on the same input, interleaved in rounds so that a change of machine load
 * affects them alike: ten rounds of a few consecutive runs per case (run-by-run turns would let one
 * case's garbage be collected in another case's timed run). Each case: { id, prepare(k) → input (untimed), run(input) → any }.
 * The first run of each case is reported as `coldMs`; warm-up runs are discarded.
 */
export function measureCases(cases, { budgetMs, maxRuns, minRuns = 3, maxWarmup = 10, rounds = 10 }) {
  let k = 0;
  const state = cases.map((c) => ({ c, samples: [], cpu: [], results: [], coldMs: 0, estimate: 0 }));
  const once = (s, keep) => {
    const input = s.c.prepare(k++);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = s.c.run(input);
    const dt = performance.now() - t0;
    if (keep) {
      const c = process.cpuUsage(c0);
      s.cpu.push((c.user + c.system) / 1000);
      s.samples.push(dt);
      if (s.c.keepResult) s.results.push(s.c.keepResult(result));
    }
    return dt;
  };
  for (const s of state) {
    s.coldMs = once(s, false);
    // A run of seconds warms the JIT by itself: then the cold run is the only warm-up.
    const warmups = s.coldMs > 2000 ? 0 : Math.max(1, Math.min(maxWarmup, Math.floor(1000 / Math.max(s.coldMs, 0.01))));
    let last = s.coldMs;
    for (let i = 0; i < warmups; i++) last = once(s, false);
    s.estimate = last;
  }
  for (const s of state) s.target = Math.max(minRuns, Math.min(maxRuns, Math.floor(budgetMs / Math.max(s.estimate, 0.01))));
  for (let r = 0; r < rounds; r++) {
    for (const s of state) {
      const n = Math.ceil(s.target / rounds);
      for (let i = 0; i < n && s.samples.length < s.target; i++) once(s, true);
    }
  }
  const out = {};
  // cpuMedianMs: the process's CPU time per run (all threads); next to wall time it shows how much a busy machine inflated the wall time.
  for (const s of state) out[s.c.id] = { ...summarize(s.samples), cpuMedianMs: median(s.cpu), coldMs: round(s.coldMs), results: s.results };
  return out;
}
