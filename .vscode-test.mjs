// @vscode/test-cli configuration, for desktops that can download VS Code (`npx vscode-test`,
// or `npm run test:vscode-desktop`, which builds first). It runs the same compiled
// integration tests (out/integration/*.test.js, built by `npm run build:tests`) that
// scripts/code-server/harness.mjs runs through test/integration/index.ts's run() on machines
// without the internet: against the oldest VS Code the manifest supports and the current one.
import { defineConfig } from '@vscode/test-cli';

const shared = {
  files: 'out/integration/**/*.test.js',
  workspaceFolder: './examples',
  mocha: { ui: 'bdd', timeout: 60_000 },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
};

export default defineConfig([
  { label: 'minimum', version: '1.100.0', ...shared },
  { label: 'stable', version: 'stable', ...shared },
]);
