// Paths and small helpers shared by the benchmark's steps.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(BENCH, '..');
export const CORPUS = join(BENCH, 'corpus');
export const BUILD = join(CORPUS, '.build');
export const OUT = join(CORPUS, '.out');
export const DIST = join(ROOT, 'dist');
export const requireFromRoot = createRequire(join(ROOT, 'package.json'));

/** The engine as bundled for the benchmark by run.mjs (same sources and esbuild settings as dist/). */
export function loadEngine() {
  const path = join(BUILD, 'engine.js');
  if (!existsSync(path)) throw new Error(`${path} is missing: run bench/run.mjs (it bundles the engine first)`);
  return requireFromRoot(path);
}

export function readJson(path, fallback = null) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return fallback;
  }
}

export function writeJson(path, value) {
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}

/** A flat (non-rope) copy of text + suffix, so no string flattening happens inside a timed region. */
export function flatVariant(text, suffix) {
  return Buffer.from(text + suffix, 'utf8').toString('utf8');
}

export function errorText(error) {
  return String(error?.message ?? error).split('\n')[0].slice(0, 300);
}
