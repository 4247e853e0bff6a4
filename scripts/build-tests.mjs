// Compiles the integration suite (test/integration/**/*.ts) to out/integration/*.js, one
// CommonJS bundle per file, for the VS Code extension host (Node 20). `vscode` is provided
// by the extension host and `mocha` is loaded from node_modules at run time (it is not
// bundle-friendly), so both stay external. Each *.test.js bundles the helpers it imports.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'test/integration');
const outDir = join(root, 'out/integration');

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const entryPoints = tsFiles(sourceDir).map((file) => relative(root, file));
if (!entryPoints.some((file) => file.endsWith('index.ts'))) {
  console.error('build-tests: test/integration/index.ts is missing');
  process.exit(1);
}

// Stale outputs of deleted tests would otherwise still run.
rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints,
  outbase: 'test/integration',
  outdir: 'out/integration',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`build-tests: ${entryPoints.length} file(s) -> ${relative(root, outDir)}/`);
