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
