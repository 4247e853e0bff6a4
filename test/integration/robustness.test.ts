// Issue 8 in a real VS Code: bad input never takes the extension host down or hangs it.
// - A file with syntax errors still shows the diagnostics of its intact node class.
// - A file above the size limit (1 MB by default) gets no ONEX diagnostics, and a large file under
//   it is analysed off the extension host's thread: the host keeps answering meanwhile.
// - A small but pathological file does not block the host for longer than the time budget.
// - Documents that are not files: an untitled Python document is analysed (its scheme is declared);
//   a virtual document of an undeclared scheme (like git:) and a diff view of it get nothing, and
//   no error. Files are generated into a temporary folder outside the workspace and deleted afterwards.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import {
  TEMPLATE_NODE, activateExtension, closeAllEditorsWithoutSaving, exampleUri, onexDiagnostics, removeFolder, ruleIdOf, tempFolder, waitFor,
  waitForDiagnostics,
} from './util';

interface OnexApi {
  analyze(document: vscode.TextDocument): Promise<{ findings: unknown[]; skipped?: { kind: string; message: string } } | undefined>;
}

const VIRTUAL_SCHEME = 'onex-robustness';
/** The default time budget (onexForge.timeBudgetMs): main-thread analysis may legitimately take this long. */
const TIME_BUDGET_MS = 2000;

/** Watches the extension host's event loop: the longest a 20 ms timer was late while it ran. */
function lagMonitor(): { stop(): number } {
  let max = 0;
  let stopped = false;
  let expected = Date.now() + 20;
  const tick = () => {
    if (stopped) return;
    const now = Date.now();
    max = Math.max(max, now - expected);
    expected = now + 20;
    setTimeout(tick, 20);
  };
  setTimeout(tick, 20);
  return {
    stop() {
      stopped = true;
      return max;
    },
  };
}

/** How long an ONEX command takes to answer. */
async function commandLatency(): Promise<number> {
  const t0 = Date.now();
  await vscode.commands.executeCommand('onexForge.showOutput');
  return Date.now() - t0;
}

function where(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return onexDiagnostics(diagnostics).map((d) => `${ruleIdOf(d)}@${d.range.start.line}:${d.range.start.character}`).sort();
}

describe('robustness in a real VS Code: bad input, large files, documents that are not files', function () {
  this.timeout(180_000);
  let api: OnexApi;
  let template: string;
  let scratch: vscode.Uri;
  const disposables: vscode.Disposable[] = [];

  async function writeScratch(name: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(scratch, name);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    return uri;
  }

  /** Copies of the template node with renamed classes, about `bytes` long. */
  function largeNode(bytes: number): string {
    const parts: string[] = [];
    for (let i = 0, size = 0; size < bytes; i++) {
      parts.push(template.replace(/NodePaymentGatewayEffect/g, `NodePaymentGateway${i}Effect`));
      size += parts[parts.length - 1].length + 2;
    }
    return parts.join('\n\n');
  }

  before(async () => {
    const extension = await activateExtension();
    api = extension.exports as OnexApi;
    assert.equal(typeof api?.analyze, 'function', 'the extension exports analyze()');
    template = Buffer.from(await vscode.workspace.fs.readFile(exampleUri(TEMPLATE_NODE))).toString('utf8');
    scratch = tempFolder('robustness');
    // The example workspace pins omnibase_core 0.1.0: copies of its template node are bridge-era files too.
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(scratch, 'pyproject.toml'), await vscode.workspace.fs.readFile(exampleUri('pyproject.toml')));
  });

  after(async () => {
    await closeAllEditorsWithoutSaving();
    for (const d of disposables) d.dispose();
    if (scratch) removeFolder(scratch);
  });

  it('a file with syntax errors after the node class still shows the class\'s diagnostics, and commands answer', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(exampleUri(TEMPLATE_NODE)), { preview: false });
    const expected = where(await waitForDiagnostics(exampleUri(TEMPLATE_NODE), (all) => onexDiagnostics(all).length > 0, 60_000));
    assert.ok(expected.length > 0, 'the template node has diagnostics');
    const broken = `${template}\n\ndef helper(values):\n    total = sum(values\n    return total\n\n\ndef unfinished(\n`;
    const uri = await writeScratch('broken_node.py', broken);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const diagnostics = await waitForDiagnostics(uri, (all) => where(all).length >= expected.length, 60_000);
    assert.deepEqual(where(diagnostics), expected, 'the same diagnostics as the intact file, none in the broken helper');
    assert.ok(await commandLatency() < 5000, 'onexForge.showOutput answers');
    const first = onexDiagnostics(diagnostics)[0];
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, first.range);
    assert.ok(actions.some((a) => a.title.includes(String(ruleIdOf(first)))), 'the lightbulb still offers the ONEX actions');
  });

  it('a file above the size limit gets no ONEX diagnostics and does not block the host', async () => {
    const uri = await writeScratch('large_node.py', largeNode(1.3 * 1024 * 1024));
    const lag = lagMonitor();
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const result = await api.analyze(document);
    const latency = await commandLatency();
    await new Promise((r) => setTimeout(r, 500));
    const maxLag = lag.stop();
    assert.equal(result?.skipped?.kind, 'too-large', JSON.stringify(result?.skipped));
    assert.match(result!.skipped!.message, /above the 1\.0 MB limit/);
    assert.deepEqual(onexDiagnostics(vscode.languages.getDiagnostics(uri)), []);
    assert.ok(latency < 3000, `a command took ${latency} ms to answer`);
    assert.ok(maxLag < 1000, `the extension host was blocked for ${maxLag} ms`);
  });

  it('a 0.9 MB file is analysed off the host\'s thread: the host keeps answering', async () => {
    const uri = await writeScratch('big_node.py', largeNode(0.9 * 1024 * 1024));
    const lag = lagMonitor();
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const latency = await commandLatency();
    const result = await api.analyze(document);
    const maxLag = lag.stop();
    assert.ok(result, 'analysed');
    assert.ok(!result.skipped || result.skipped.kind === 'time-budget', JSON.stringify(result.skipped));
    assert.ok(latency < 3000, `a command took ${latency} ms to answer`);
    assert.ok(maxLag < 1000, `the extension host was blocked for ${maxLag} ms`);
  });

  it('a small pathological file (an 8,000-link attribute chain) blocks the host no longer than the time budget', async () => {
    const chain = 'self' + '.a'.repeat(8000);
    const text = template.replace('        # Initialize metrics\n', `        self.deep = ${chain}\n        # Initialize metrics\n`);
    assert.notEqual(text, template);
    const uri = await writeScratch('deep_node.py', text);
    const lag = lagMonitor();
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const result = await api.analyze(document);
    const maxLag = lag.stop();
    assert.ok(result, 'analysed');
    assert.ok(maxLag < TIME_BUDGET_MS + 1000, `the extension host was blocked for ${maxLag} ms (time budget ${TIME_BUDGET_MS} ms)`);
  });

  it('an untitled Python document is analysed (its scheme is declared), without error', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: template });
    assert.equal(document.uri.scheme, 'untitled');
    await vscode.window.showTextDocument(document, { preview: false });
    const diagnostics = await waitForDiagnostics(document.uri, (all) => onexDiagnostics(all).length > 0, 60_000);
    assert.ok(where(diagnostics).some((d) => d.startsWith('ONEX010@')), where(diagnostics).join(' '));
  });

  it('a virtual document of an undeclared scheme (like git:) and a diff view of it get no diagnostics and no error', async () => {
    disposables.push(vscode.workspace.registerTextDocumentContentProvider(VIRTUAL_SCHEME, {
      provideTextDocumentContent: () => template,
    }));
    const uri = vscode.Uri.from({ scheme: VIRTUAL_SCHEME, path: '/nodes/payment_gateway/node.py', query: 'ref=HEAD' });
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'python') document = await vscode.languages.setTextDocumentLanguage(document, 'python');
    assert.equal(document.languageId, 'python');
    await vscode.window.showTextDocument(document, { preview: false });
    assert.equal(await api.analyze(document), undefined, 'the extension leaves the document alone');
    const file = await writeScratch('diff_target.py', template);
    await vscode.commands.executeCommand('vscode.diff', uri, file, 'HEAD ↔ working tree');
    // Give a scheduled analysis every chance to run, then check nothing was published for it.
    await waitForDiagnostics(file, (all) => onexDiagnostics(all).length > 0, 60_000);
    assert.deepEqual(onexDiagnostics(vscode.languages.getDiagnostics(uri)), []);
    const range = new vscode.Range(0, 0, document.lineCount - 1, 0);
    const quickFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
    assert.deepEqual(quickFixes.filter((a) => /ONEX/.test(a.title)), []);
    const fixAll = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, 'source.fixAll.onex');
    assert.deepEqual(fixAll.filter((a) => /ONEX/.test(a.title)), []);
    assert.ok(await commandLatency() < 5000);
    await waitFor(() => (vscode.languages.getDiagnostics().every(([u, ds]) => u.scheme !== VIRTUAL_SCHEME || onexDiagnostics(ds).length === 0) ? true : undefined), 5000, () => 'no ONEX diagnostics for the virtual scheme');
  });
});
