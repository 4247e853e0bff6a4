// What the benchmark needs from the engine, bundled by bench/run.mjs with the same esbuild settings
// as the product's bundles (scripts/build.mjs), so the measured code is the code users run.
export { analyzeWith, finalizeFindings, getFrontEnd, resolveConfig } from '../src/core/engine';
export { getPythonFrontEnd } from '../src/core/python/frontend';
export { getPythonParser, isPythonParserLoaded } from '../src/core/python/parser';
export { buildPyFile } from '../src/core/python/model';
export { SyntaxTree, usesMemoryWalk } from '../src/core/python/view';
export { ts } from 'ts-morph';
