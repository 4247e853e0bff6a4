// difflib.get_close_matches(word, possibilities, n=1, cutoff=0.6), as the infra ContractLinter
// calls it for its "did you mean?" suggestions (_suggest_similar_field): Ratcliff/Obershelp
// similarity (SequenceMatcher.ratio, without its "junk" heuristic, which difflib applies only to
// sequences of 200 or more items).

function longestMatch(a: string, b: string, alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
  let bestI = alo;
  let bestJ = blo;
  let bestSize = 0;
  let lengths = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>();
    for (let j = blo; j < bhi; j++) {
      if (a[i] !== b[j]) continue;
      const k = (lengths.get(j - 1) ?? 0) + 1;
      next.set(j, k);
      if (k > bestSize) {
        bestI = i - k + 1;
        bestJ = j - k + 1;
        bestSize = k;
      }
    }
    lengths = next;
  }
  return [bestI, bestJ, bestSize];
}

function matchingCharacters(a: string, b: string): number {
  let total = 0;
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const [i, j, k] = longestMatch(a, b, alo, ahi, blo, bhi);
    if (k === 0) continue;
    total += k;
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  return total;
}

/** SequenceMatcher(None, a, b).ratio(). */
export function similarity(a: string, b: string): number {
  const length = a.length + b.length;
  return length === 0 ? 1 : (2 * matchingCharacters(a, b)) / length;
}

const memo = new Map<string, string | null>();

/** The closest of `candidates` with a ratio of at least `cutoff`, as get_close_matches(n=1) picks it. */
export function closestMatch(word: string, candidates: readonly string[], cutoff = 0.6): string | null {
  const key = `${cutoff}\u0000${word}\u0000${candidates.join('\u0000')}`;
  if (memo.has(key)) return memo.get(key)!;
  const found = closest(word, candidates, cutoff);
  if (memo.size > 5000) memo.clear();
  memo.set(key, found);
  return found;
}

function closest(word: string, candidates: readonly string[], cutoff: number): string | null {
  let best: string | null = null;
  let bestScore = -1;
  // get_close_matches sorts by score, then by the candidate (descending) for equal scores.
  for (const candidate of candidates) {
    const score = similarity(candidate, word);
    if (score < cutoff) continue;
    if (score > bestScore || (score === bestScore && best !== null && candidate > best)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
