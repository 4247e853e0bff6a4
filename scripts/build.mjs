// Bundles the extension, its analysis worker and the CLI with esbuild, copies the tree-sitter
// runtime and Python grammar (.wasm) next to the bundles, and the rules' docs pages (each kept in its
// rule's folder, src/core/rules/onexNNN/ONEXnnn.md) into dist/docs/rules/, where the extension opens them.
// Each bundle's size is printed as information: esbuild's own summary flags any file over 1 MB with a
// warning sign, and the TypeScript front end is meant to be that size (it carries the compiler).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, watch as watchFiles } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import docs from './docsPages.cjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  // A build says warnings and errors only (the sizes are reported below, see the header); watch mode
  // also says when each rebuild finishes.
  logLevel: watch ? 'info' : 'warning',
  metafile: true,
  absWorkingDir: root,
};

// The engine loads the TypeScript front end (ts-morph and its compiler) with require('./typescript/frontend')
// only when a TypeScript file is analysed; in the bundles that require points at a bundle of its own.
const lazyTypeScriptFrontEnd = {
  name: 'lazy-typescript-frontend',
  setup(build) {
    build.onResolve({ filter: /^\.\/typescript\/frontend$/ }, () => ({ path: './typescript-frontend.js', external: true }));
  },
};

// The contract checks (the yaml package, the schemas, the rules) load with require('./contract/service') on the
// first contract.yaml (src/core/contracts.ts); in the bundles that require points at a bundle of its own too.
const lazyContract = {
  name: 'lazy-contract',
  setup(build) {
    build.onResolve({ filter: /^\.\/contract\/service$/ }, () => ({ path: './contract.js', external: true }));
  },
};

const hostOnly = {
  name: 'host-only',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$|\/python\/parser$/ }, (args) => ({
      errors: [{ text: `${args.importer} imports ${args.path}: the contract bundle gets the Python parser from its host (PythonSource)` }],
    }));
  },
};

// web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle does not have: use its CJS build.
const treeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: join(root, 'node_modules/web-tree-sitter/tree-sitter.cjs') }));
  },
};

const builds = [
  { ...common, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist', external: ['vscode'], plugins: [lazyTypeScriptFrontEnd, lazyContract, treeSitterCjs] },
  { ...common, entryPoints: { worker: 'src/core/worker/worker.ts' }, outdir: 'dist', plugins: [lazyTypeScriptFrontEnd, lazyContract, treeSitterCjs] },
  { ...common, entryPoints: { cli: 'src/cli/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, plugins: [lazyTypeScriptFrontEnd, lazyContract, treeSitterCjs] },
  // The contract bundle takes the Python side from its host: it must not hold a second tree-sitter runtime.
  { ...common, entryPoints: { contract: 'src/core/contract/service.ts' }, outdir: 'dist', plugins: [hostOnly] },
];
if (existsSync(join(root, 'src/core/typescript/frontend.ts'))) {
  builds.push({ ...common, entryPoints: { 'typescript-frontend': 'src/core/typescript/frontend.ts' }, outdir: 'dist' });
}

// What each bundle is, for the size report.
const ROLES = {
  'dist/extension.js': 'the VS Code extension',
  'dist/worker.js': 'the analysis worker',
  'dist/cli.js': 'the CLI',
  'dist/typescript-frontend.js': 'ts-morph and the TypeScript compiler, loaded only when a TypeScript file is analysed',
};

/** "dist/cli.js  637.6 KB  (the CLI)" per JavaScript output: sizes as information, never a warning. */
function sizeReport(metafile) {
  const lines = [];
  for (const [file, { bytes }] of Object.entries(metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    const size = bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
    lines.push(`  ${file.padEnd(30)} ${size.padStart(9)}${ROLES[file] ? `  (${ROLES[file]})` : ''}`);
  }
  return lines.join('\n');
}

function copyWasm() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  copyFileSync(join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'), join(root, 'dist/tree-sitter.wasm'));
  copyFileSync(join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'), join(root, 'dist/tree-sitter-python.wasm'));
}

// Today's contract.yaml schema, for users of a YAML language server (package.json contributes.yamlValidation;
// a static contribution cannot follow the era: the extension's own diagnostics and completion do).
function copySchema() {
  mkdirSync(join(root, 'dist/schemas'), { recursive: true });
  copyFileSync(join(root, 'src/core/contract/schema/today.json'), join(root, 'dist/schemas/contract.today.json'));
}

const RULES = join(root, 'src/core/rules');
const DOCS_OUT = join(root, 'dist/docs/rules');

const copyDocsPages = () => docs.copyDocsPages(RULES, DOCS_OUT);

copyWasm();
copySchema();
copyDocsPages();
if (watch) {
  watchFiles(RULES, { recursive: true }, (_event, name) => {
    if (name && name.endsWith('.md')) copyDocsPages();
  });
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('[watch] esbuild is watching for changes');
} else {
  const started = Date.now();
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
  for (const result of results) console.log(sizeReport(result.metafile));
}
