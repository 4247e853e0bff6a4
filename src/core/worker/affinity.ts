// Which worker thread takes which file when many files are checked (Check Workspace's scan workers,
// the CLI's pool). Loading the TypeScript front end costs a worker about 90 MB (the compiler bundle,
// compiled, plus its objects) and half a second; the Python grammar costs about 20 MB. So TypeScript
// files gather on the workers that already loaded TypeScript while there is other work for the rest,
// and spread to more workers only when enough TypeScript files are left to pay for the load.
import type { LanguageId } from '../types';

/** The language whose front end is costly to load in a worker. */
export const HEAVY_LANGUAGE: LanguageId = 'typescript';

/**
 * A worker that has not loaded TypeScript starts on it only when at least this many TypeScript files
 * are left and no other work is (about 25 ms a file against about 0.5 s to load the compiler).
 */
export const SPREAD_MIN_FILES = 32;

export interface WorkerLoad {
  readonly inFlight: number;
  /** Languages this worker has analysed (so whose front ends it holds). */
  readonly languages: ReadonlySet<LanguageId>;
}

/** Lower is better: a worker that holds the language, then (for light jobs) one not holding the heavy front end. */
function fit(w: WorkerLoad, language: LanguageId): number {
  return (w.languages.has(language) ? 0 : 2) + (language !== HEAVY_LANGUAGE && w.languages.has(HEAVY_LANGUAGE) ? 1 : 0);
}

function best(workers: readonly WorkerLoad[], candidates: number[], language: LanguageId): number {
  let pick = candidates[0];
  for (const i of candidates) {
    const a = workers[i];
    const b = workers[pick];
    if (a.inFlight < b.inFlight || (a.inFlight === b.inFlight && fit(a, language) < fit(b, language))) pick = i;
  }
  return pick;
}

/**
 * The worker (an index into `workers`) a job of `language` is sent to, or -1 to start a new one.
 * With `gather`, a TypeScript job goes to the least busy worker that has loaded TypeScript, if one
 * has. Otherwise: an idle worker (one holding the language first), else a new worker while `canStart`,
 * else the least busy.
 */
export function chooseWorker(workers: readonly WorkerLoad[], language: LanguageId, canStart: boolean, gather: boolean): number {
  const all = workers.map((_, i) => i);
  if (gather && language === HEAVY_LANGUAGE) {
    const warm = all.filter((i) => workers[i].languages.has(HEAVY_LANGUAGE));
    if (warm.length > 0) return best(workers, warm, language);
  }
  const idle = all.filter((i) => workers[i].inFlight === 0);
  if (idle.length > 0) return best(workers, idle, language);
  if (canStart || workers.length === 0) return -1;
  return best(workers, all, language);
}

/**
 * The queued job (an index into `queue`) an idle worker takes next, or -1 to stay idle. A worker that
 * holds TypeScript, or the first worker to be free while none does, takes TypeScript first (so that
 * TypeScript starts early and finishes on it); the others take anything else first, and TypeScript
 * only when nothing else is queued and at least SPREAD_MIN_FILES TypeScript jobs are.
 */
export function pickJob<J>(queue: readonly J[], languageOf: (job: J) => LanguageId, worker: ReadonlySet<LanguageId>, heavyHeldElsewhere: boolean): number {
  if (queue.length === 0) return -1;
  if (worker.has(HEAVY_LANGUAGE) || !heavyHeldElsewhere) {
    const heavy = queue.findIndex((j) => languageOf(j) === HEAVY_LANGUAGE);
    return heavy >= 0 ? heavy : 0;
  }
  const light = queue.findIndex((j) => languageOf(j) !== HEAVY_LANGUAGE);
  if (light >= 0) return light;
  return queue.length >= SPREAD_MIN_FILES ? 0 : -1;
}
