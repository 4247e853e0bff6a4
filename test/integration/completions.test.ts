// Issue 21 item 8 in a real VS Code: ONEX snippets are completion items that follow the file's era and
// bring what they use. In a bridge-era node, `onex-health` is offered in __init__ and, accepted from
// the suggest widget, inserts its body, the import it needs and the helper methods it calls; in a
// today's-era handler module it is not offered, and the def-B handler item is (and brings its imports).
// The files live in a temporary folder outside the example workspace, removed afterwards.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './util';

const BRIDGE_PATTERNS = ['onex-health', 'onex-consul', 'onex-publish', 'onex-errors', 'onex-lifecycle', 'onex-config', 'onex-service', 'onex-metadata', 'onex-metrics', 'onex-timing'];

const BRIDGE_NODE = `"""A bridge-era node: its logging import says so."""

from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel
from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event
from omnibase_core.models.container.model_onex_container import ModelONEXContainer
from omnibase_core.nodes.node_effect import NodeEffect


class NodeDemoEffect(NodeEffect):
    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)
        emit_log_event(LogLevel.INFO, "built", {"node_id": str(self.node_id)})
        onex-health

    async def execute_effect(self, contract: ModelONEXContainer) -> ModelONEXContainer:
        return contract
`;

const TODAY_HANDLER = `"""A handler module of today's framework."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel


class ModelDemoCommand(BaseModel):
    correlation_id: UUID


onex-handler
`;

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionsAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items;
}

/** Opens the file with the cursor at the end of the line holding `prefix`, and returns the editor. */
async function openAtPrefix(path: string, prefix: string): Promise<{ editor: vscode.TextEditor; position: vscode.Position }> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const offset = document.getText().indexOf(prefix) + prefix.length;
  const position = document.positionAt(offset);
  editor.selection = new vscode.Selection(position, position);
  return { editor, position };
}

/** Accepts a suggestion the way a user does: the suggest widget, then Enter on the first (best) match. */
async function acceptFromSuggestWidget(editor: vscode.TextEditor, changed: (text: string) => boolean): Promise<string> {
  const document = editor.document;
  return waitFor(async () => {
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    // Give the widget its items before accepting; retried until the text changes.
    await new Promise((resolve) => setTimeout(resolve, 700));
    await vscode.commands.executeCommand('acceptSelectedSuggestion');
    const text = document.getText();
    return changed(text) ? text : undefined;
  }, 60_000, () => `the suggestion was not accepted; the document is:\n${document.getText()}`, 200);
}

describe('ONEX completion items', () => {
  let dir: string;

  before(async () => {
    await activateExtension();
    dir = mkdtempSync(join(tmpdir(), 'onex-completions-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a bridge-era node offers onex-health in __init__; accepting it inserts the body, the import and the helpers', async () => {
    const path = join(dir, 'bridge', 'node.py');
    mkdirSync(join(dir, 'bridge'), { recursive: true });
    writeFileSync(path, BRIDGE_NODE);
    const { editor, position } = await openAtPrefix(path, '        onex-health');
    const items = await waitFor(async () => {
      const found = await completionsAt(editor.document.uri, position);
      return found.some((i) => labelOf(i) === 'onex-health') ? found : undefined;
    }, 60_000, () => 'onex-health was never offered');
    assert.deepEqual(items.map(labelOf).filter((l) => l.startsWith('onex-')).sort(), ['onex-health', 'onex-service']);
    const health = items.find((i) => labelOf(i) === 'onex-health')!;
    assert.ok((health.additionalTextEdits ?? []).length > 0, 'the item carries its imports and helpers');

    const text = await acceptFromSuggestWidget(editor, (t) => t.includes('def _register_with_consul_sync('));
    assert.ok(!/^\s*onex-health\s*$/m.test(text), 'the typed prefix is replaced');
    assert.match(text, /^ {8}if not health_check_mode:\n {12}self\._register_with_consul_sync\(\)$/m);
    assert.match(text, /^from typing import Any$/m);
    assert.equal(text.split('def _register_with_consul_sync(').length - 1, 1);
    assert.equal(text.split('def _config_value(').length - 1, 1);
    assert.match(text, /^ {16}LogLevel\.DEBUG,$/m, 'the file\'s own LogLevel alias');
    // One undo takes the whole item back.
    await vscode.commands.executeCommand('undo');
    await waitFor(() => (editor.document.getText().includes('def _register_with_consul_sync(') ? undefined : true), 10_000, () => 'undo left the helpers');
    assert.ok(!editor.document.getText().includes('from typing import Any'));
    await editor.document.save();
  });

  it("a today's-era handler module offers the def-B handler, not onex-health; accepting it brings its imports", async () => {
    const path = join(dir, 'today', 'handlers', 'handler_demo.py');
    mkdirSync(join(dir, 'today', 'handlers'), { recursive: true });
    writeFileSync(path, TODAY_HANDLER);
    const { editor, position } = await openAtPrefix(path, 'onex-handler');
    const items = await waitFor(async () => {
      const found = await completionsAt(editor.document.uri, position);
      return found.some((i) => labelOf(i) === 'onex-handler-effect') ? found : undefined;
    }, 60_000, () => 'onex-handler-effect was never offered');
    const onex = items.map(labelOf).filter((l) => l.startsWith('onex-'));
    assert.deepEqual(onex, ['onex-handler-effect', 'onex-handler-compute', 'onex-handler-reducer', 'onex-handler-orchestrator']);
    for (const label of BRIDGE_PATTERNS) assert.ok(!onex.includes(label), `${label} is offered in today's era`);

    const text = await acceptFromSuggestWidget(editor, (t) => t.includes('async def handle('));
    assert.match(text, /^class HandlerDemo:$/m);
    assert.match(text, /^ {4}async def handle\(self, request: ModelDemoCommand\) -> ModelHandlerOutput\[None\]:$/m);
    assert.match(text, /^ {8}return ModelHandlerOutput\.for_effect\($/m);
    assert.match(text, /^from omnibase_core\.models\.dispatch\.model_handler_output import ModelHandlerOutput$/m);
    assert.match(text, /^from uuid import UUID, uuid4$/m);
    await editor.document.save();
  });
});
