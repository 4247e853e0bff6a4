#!/usr/bin/env node
// Takes the walkthrough's images (images/walkthrough/*.png, package.json contributes.walkthroughs) in a
// real VS Code: the pinned code-server loads this folder's extension as under development (dist/ must be
// built), over a copy of examples/ in a temporary folder whose nodes/ pins omnibase-core 0.1.0 (the
// bridge era the template node is written for); Debian's chromium, driven by playwright-core, shows:
//   scaffold.png   the New Production Node wizard;
//   gaps.png       the ONEX Nodes view with the template node expanded: readiness, findings, contract, tests;
//   lightbulb.png  a finding revealed from the view and its lightbulb (Ctrl+.);
//   check.png      Check Workspace's findings in the Problems panel;
//   configure.png  the configuration "ONEX: Configure Project (onex-forge init)" writes.
// Every process started is stopped at the end, also on failure or Ctrl-C.
//
//   npm run build && node scripts/walkthrough-images.mjs [--timeout 300]
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT,
  ensureCodeServer,
  freePort,
  installedVersions,
  launchChromium,
  openFile,
  prepareScratch,
  runWorkbenchScript,
  sleep,
  startCodeServer,
  waitForHealth,
} from './code-server/lib.mjs';

const { values: options } = parseArgs({ options: { timeout: { type: 'string', default: '300' } } });
const OUT = join(ROOT, 'images/walkthrough');
const TEMPLATE_NODE = 'nodes/payment_gateway/v1_0_0/node.py';

async function shoot(page, name, say) {
  await page.mouse.move(1270, 600); // no hover tooltip in the picture
  await sleep(1200); // let the workbench finish painting
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  say(`wrote images/walkthrough/${name}.png`);
}

/** The ONEX Nodes view's row with this label. */
const viewRow = (page, label) => page.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first();

async function main(run) {
  const { deadline, remaining, say, runCommand } = run;
  if (!existsSync(join(ROOT, 'dist/extension.js'))) throw new Error('dist/extension.js not found: run `npm run build` first');
  if (!ensureCodeServer()) throw new Error('code-server is not installed (see above)');
  const versions = installedVersions();
  say(`VS Code ${versions.vscode} (code-server ${versions.codeServer})`);
  const scratch = (run.scratch = prepareScratch(join(ROOT, '.cache/walkthrough-images')));
  // Outside the repository: its .gitignore (which lists .cache/) would hide the copy from the scans.
  const workspace = join(mkdtempSync(join(tmpdir(), 'onex-walkthrough-')), 'examples');
  run.cleanup.push(() => rmSync(dirname(workspace), { recursive: true, force: true }));
  // (Without the test runs' git-ignored scratch files.)
  cpSync(join(ROOT, 'examples'), workspace, { recursive: true, filter: (source) => !source.split(/[\\/]/).includes('.scratch') });
  if (!existsSync(join(workspace, 'pyproject.toml'))) writeFileSync(join(workspace, 'pyproject.toml'), '[project]\nname = "onex-forge-examples"\nversion = "0.1.0"\ndependencies = ["omnibase-core==0.1.0"]\n');
  mkdirSync(OUT, { recursive: true });

  const port = await freePort();
  run.codeServer = startCodeServer(scratch, port);
  await waitForHealth(run.codeServer, port, deadline);
  const browser = (run.browser = await launchChromium(scratch));
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(60_000);
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${ROOT}`]]);
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: remaining() });
  await page.locator('.explorer-folders-view').waitFor({ timeout: remaining() });
  say('workbench loaded');

  // 1. The scaffold wizard.
  await runCommand(page, 'ONEX: New Production Node…');
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ timeout: remaining() });
  await shoot(page, 'scaffold', say);
  await page.keyboard.press('Escape');

  // 2. The ONEX Nodes view, the template node expanded: the view gets the side bar (the folder tree
  // collapsed) and the side bar is widened so that the descriptions show.
  await openFile(page, TEMPLATE_NODE);
  await runCommand(page, 'Explorer: Focus on ONEX Nodes View');
  await page.locator('.pane-header', { hasText: /^examples/i }).first().click();
  const sash = await page.locator('.part.sidebar').boundingBox();
  await page.mouse.move(sash.x + sash.width + 1, sash.y + 300);
  await page.mouse.down();
  await page.mouse.move(sash.x + sash.width + 260, sash.y + 300, { steps: 8 });
  await page.mouse.up();
  await viewRow(page, 'NodeLedgerWriterEffect').waitFor({ timeout: remaining() });
  const template = page.locator('.monaco-list-row', { hasText: /NodePaymentGatewayEffect.*bridge era · \d+\/10/ }).first();
  await template.waitFor({ timeout: remaining() });
  await template.locator('.monaco-tl-twistie').click();
  await viewRow(page, 'Production patterns').waitFor({ timeout: remaining() });
  await viewRow(page, 'Production patterns').locator('.monaco-tl-twistie').click();
  await viewRow(page, 'Lifecycle methods').waitFor({ timeout: remaining() });
  await shoot(page, 'gaps', say);

  // 3. A finding revealed from the view, and its lightbulb.
  await page.locator('.monaco-list-row', { hasText: /ONEX011 · line/ }).first().click();
  await page.locator('.tab.active', { hasText: 'node.py' }).waitFor({ timeout: remaining() });
  await runCommand(page, 'Quick Fix...');
  await page.locator('.action-widget', { hasText: /NETWORK_ERROR/ }).first().waitFor({ timeout: remaining() });
  await shoot(page, 'lightbulb', say);
  await page.keyboard.press('Escape');

  // 4. Check Workspace and the Problems panel.
  await runCommand(page, 'ONEX: Check Workspace');
  await runCommand(page, 'View: Focus Problems');
  await page.locator('.markers-panel .monaco-list-row', { hasText: /ONEX0\d\d/ }).first().waitFor({ timeout: remaining() });
  await runCommand(page, 'Notifications: Clear All Notifications');
  await shoot(page, 'check', say);

  // 5. Configure the project.
  await runCommand(page, 'ONEX: Configure Project (onex-forge init)');
  await page.locator('.tab.active', { hasText: /pyproject\.toml|onex-forge\.json/ }).waitFor({ timeout: remaining() });
  await runCommand(page, 'View: Toggle Panel Visibility');
  await shoot(page, 'configure', say);
  say(`done in ${((Date.now() - run.started) / 1000).toFixed(1)} s`);
}

runWorkbenchScript('walkthrough-images', Number(options.timeout), main);
