#!/usr/bin/env node
// Takes the README's screenshots of ONEX Forge in a real VS Code: the packaged extension
// (dist/onex-forge.vsix, from `npm run package`) is installed with --install-extension into a
// scratch profile of the pinned code-server, which serves examples/; Debian's chromium, driven
// by playwright-core, opens the workbench and:
//   docs/screenshot.png             the template-style example node with its ONEX diagnostics
//                                   (squiggles, Problems panel, no error), the lightbulb of its
//                                   node class open (its first entry "Make <Class> production-ready")
//                                   and ONEX Forge listed among the installed extensions;
//   docs/screenshot-extensions.png  "Developer: Show Running Extensions": ONEX Forge activated;
//   docs/screenshot-typescript.png  the TypeScript example node: its ONEX diagnostics and, from
//                                   VS Code's own TypeScript, no error (the script fails if the
//                                   Problems panel shows one).
// Every process started is stopped at the end, also on failure or Ctrl-C.
//
//   npm run screenshot          (packages first)
//   node scripts/screenshot.mjs [--timeout 240]
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT,
  codeServerCli,
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

const { values: options } = parseArgs({ options: { timeout: { type: 'string', default: '240' } } });
const VSIX = join(ROOT, 'dist/onex-forge.vsix');
const TEMPLATE_NODE = 'nodes/payment_gateway/v1_0_0/node.py';
const TYPESCRIPT_NODE = 'typescript/nodes/payment_gateway/node.ts';
/** Line:column of the template node's class name (class NodePaymentGatewayEffect(NodeEffect)). */
const TEMPLATE_CLASS_LINE = '15:10';
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
const DISPLAY_NAME = manifest.displayName;

/** The status bar's problem counts (errors, warnings) and its label. */
async function problemCounts(page) {
  // VS Code's label: "Errors: 2, Warnings: 21" (a count of 0 is left out), or "No Problems".
  const label = await page.locator('[id="status.problems"]').evaluate(
    (item) => item.getAttribute('aria-label') ?? item.querySelector('[aria-label]')?.getAttribute('aria-label') ?? '');
  const count = (what) => Number(new RegExp(`${what}: (\\d+)`).exec(label)?.[1] ?? 0);
  return { errors: count('Errors'), warnings: count('Warnings'), label };
}

/** Moves the cursor of the active editor to `lineColumn` ("15:10") with Go to Line (Ctrl+G). */
async function goToLine(page, lineColumn) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${lineColumn}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}


async function main(run) {
  const { deadline, remaining, say, runCommand } = run;
  if (!existsSync(VSIX)) {
    throw new Error(`${relative(ROOT, VSIX)} not found: run \`npm run package\` first (or \`npm run screenshot\`, which does)`);
  }
  if (!ensureCodeServer()) throw new Error('code-server is not installed (see above)');
  const versions = installedVersions();
  say(`VS Code ${versions.vscode} (code-server ${versions.codeServer})`);

  const scratch = (run.scratch = prepareScratch(join(ROOT, '.cache/screenshot')));
  const install = codeServerCli(scratch, ['--install-extension', VSIX, '--force']);
  if (install.status !== 0) throw new Error(`--install-extension failed:\n${install.output}`);
  const listed = codeServerCli(scratch, ['--list-extensions', '--show-versions']).output;
  const line = listed.split('\n').find((l) => l.toLowerCase().startsWith(`${EXTENSION_ID}@`));
  if (!line) throw new Error(`${EXTENSION_ID} is not listed after --install-extension:\n${listed}`);
  say(`installed ${line.trim()} from ${relative(ROOT, VSIX)}`);

  const port = await freePort();
  run.codeServer = startCodeServer(scratch, port);
  await waitForHealth(run.codeServer, port, deadline);
  const browser = (run.browser = await launchChromium(scratch));
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(60_000);
  const examples = join(ROOT, 'examples');
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}`, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: remaining() });
  await page.locator('.explorer-folders-view').waitFor({ timeout: remaining() });
  say('workbench loaded');

  await openFile(page, TEMPLATE_NODE);
  say(`opened ${TEMPLATE_NODE}`);

  // Problems panel, showing ONEX diagnostics once the extension has analysed the file.
  await runCommand(page, 'View: Focus Problems');
  const onexRow = page.locator('.markers-panel .monaco-list-row', { hasText: /ONEX0\d\d/ }).first();
  await onexRow.waitFor({ timeout: remaining() });
  const problemCount = await page.locator('.markers-panel .monaco-list-row', { hasText: /ONEX0\d\d/ }).count();
  say(`Problems panel lists ${problemCount} ONEX diagnostic row(s)`);

  // The sidebar: ONEX Forge among the installed extensions.
  await runCommand(page, 'View: Show Extensions');
  const search = page.locator('.extensions-viewlet .suggest-input-container');
  await search.waitFor({ timeout: remaining() });
  await search.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('@installed ');
  await page.locator('.extensions-viewlet .extension-list-item', { hasText: DISPLAY_NAME }).first().waitFor({ timeout: remaining() });
  // Back to the editor, so the squiggles are drawn and no list item is focused.
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.editor-group-container .monaco-editor .view-lines').first().click({ position: { x: 400, y: 10 } });
  await page.keyboard.press('Control+Home');
  await sleep(1500); // let the squiggles and the panel finish painting
  const pythonCounts = await problemCounts(page);
  if (pythonCounts.errors !== 0) throw new Error(`the example node shows errors (${pythonCounts.label})`);
  // The lightbulb of the node class (Ctrl+. on its name): the class's one action first, and a short list.
  await goToLine(page, TEMPLATE_CLASS_LINE);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget .monaco-list-row');
  await menu.filter({ hasText: 'production-ready' }).first().waitFor({ timeout: remaining() });
  const entries = (await menu.allInnerTexts()).map((row) => row.trim().split('\n')[0]).filter((row) => row !== 'Quick Fix');
  if (!/^Make \w+ production-ready$/.test(entries[0])) throw new Error(`the lightbulb does not start with the class's action: ${entries.join(' | ')}`);
  say(`lightbulb of the node class: ${entries.length} entries (${entries.join(' | ')})`);
  await sleep(800);
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'docs/screenshot.png') });
  say('wrote docs/screenshot.png');
  await page.keyboard.press('Escape');

  // The running extensions editor: ONEX Forge activated, with its activation event and time.
  await runCommand(page, 'Developer: Show Running Extensions');
  await page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: DISPLAY_NAME }).first().waitFor({ timeout: remaining() });
  await sleep(1000);
  await page.screenshot({ path: join(ROOT, 'docs/screenshot-extensions.png') });
  say('wrote docs/screenshot-extensions.png');

  // The TypeScript example: ONEX's diagnostics, and none from VS Code's TypeScript (ts(nnnn) rows).
  const warningsBefore = await problemCounts(page);
  await openFile(page, TYPESCRIPT_NODE);
  // Its ONEX findings join the Problems panel (warnings), which is then filtered to the TypeScript example.
  const deadlineTs = Date.now() + remaining();
  while ((await problemCounts(page)).warnings <= warningsBefore.warnings) {
    if (Date.now() > deadlineTs) throw new Error('the TypeScript node got no ONEX diagnostics');
    await sleep(500);
  }
  await sleep(15_000); // the TypeScript server starts and reports on the open file
  const filter = page.locator('.markers-panel-action-filter input, input[placeholder^="Filter (e.g. text"]').first();
  await filter.fill('**/typescript/**');
  await page.locator('.markers-panel .monaco-list-row', { hasText: /ONEX0\d\d/ }).first().waitFor({ timeout: remaining() });
  const counts = await problemCounts(page);
  const tsRows = await page.locator('.markers-panel .monaco-list-row', { hasText: /ts\(\d+\)/ }).allInnerTexts();
  // ONEX's diagnostics are warnings: an error is someone else's (TypeScript's "Cannot find module", …).
  if (counts.errors !== 0 || tsRows.length > 0) {
    throw new Error(`the TypeScript example shows errors (${counts.label}):\n${tsRows.join('\n')}`);
  }
  say(`Problems: ${counts.label}`);
  await page.locator('.editor-group-container .monaco-editor .view-lines').first().click({ position: { x: 400, y: 10 } });
  await page.keyboard.press('Control+Home');
  await sleep(1500);
  await page.screenshot({ path: join(ROOT, 'docs/screenshot-typescript.png') });
  await filter.fill('');
  say('wrote docs/screenshot-typescript.png (no TypeScript error in the Problems panel)');
  say(`done in ${((Date.now() - run.started) / 1000).toFixed(1)} s`);
}

runWorkbenchScript('screenshot', Number(options.timeout), main);
