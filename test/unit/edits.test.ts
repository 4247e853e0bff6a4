import { strict as assert } from 'node:assert';
import { resolveConfig } from '../../src/core/engine';
import { getPythonParser, parsePython } from '../../src/core/python/parser';
import { buildPyFile } from '../../src/core/python/model';
import { boundModuleName, frameworkName, importEdits, insertAtClassEnd, insertAfterStatement, superInitStatement } from '../../src/core/python/edits';
import { applyEdits } from '../../src/core/text';

async function pyFile(text: string, target: 'current' | 'bridge' = 'current') {
  const tree = parsePython(await getPythonParser(), text);
  return buildPyFile(text, tree, resolveConfig({ frameworkTarget: target }));
}

describe('python edits', () => {
  it('merges a new name into an existing from-import of the same module', async () => {
    const file = await pyFile('from omnibase_core.errors import ModelOnexError\nimport os\n\nx = 1\n');
    const out = applyEdits(file.text, importEdits(file, [{ module: 'omnibase_core.errors', name: 'EnumCoreErrorCode' }]));
    assert.equal(out, 'from omnibase_core.errors import ModelOnexError, EnumCoreErrorCode\nimport os\n\nx = 1\n');
  });

  it('extends the last import and adds a new one after it in the right order', async () => {
    const file = await pyFile('import os\nfrom omnibase_core.errors import ModelOnexError\n\nx = 1\n');
    const out = applyEdits(file.text, importEdits(file, [
      { module: 'omnibase_core.enums.enum_log_level', name: 'EnumLogLevel', alias: 'LogLevel' },
      { module: 'omnibase_core.errors', name: 'EnumCoreErrorCode' },
    ]));
    assert.equal(out, 'import os\nfrom omnibase_core.errors import ModelOnexError, EnumCoreErrorCode\nfrom omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel\n\nx = 1\n');
  });

  it('adds new modules in one block after the last import and skips bound names', async () => {
    const file = await pyFile('"""Doc."""\nimport os\nfrom time import perf_counter\n\nx = 1\n');
    const out = applyEdits(file.text, importEdits(file, [
      { module: 'time', name: 'perf_counter' },
      { module: 'a.b', name: 'C' },
      { module: 'a.b', name: 'D', alias: 'E' },
      { module: 'x', name: 'Y' },
    ]));
    assert.equal(out, '"""Doc."""\nimport os\nfrom time import perf_counter\nfrom a.b import C, D as E\nfrom x import Y\n\nx = 1\n');
  });

  it('places the first import after the module docstring, with CRLF', async () => {
    const file = await pyFile('"""Doc."""\r\n\r\nclass A:\r\n    pass\r\n');
    const out = applyEdits(file.text, importEdits(file, [{ module: 'm', name: 'n' }]));
    assert.equal(out, '"""Doc."""\r\n\r\nfrom m import n\r\n\r\nclass A:\r\n    pass\r\n');
  });

  it('reuses a framework name the file already binds under another module', async () => {
    const file = await pyFile('from omnibase_core.logging.structured import emit_log_event_sync as log_it\n');
    assert.deepEqual(frameworkName(file, 'emit_log_event'), { name: 'log_it', imports: [] });
    const fresh = await pyFile('x = 1\n', 'bridge');
    const r = frameworkName(fresh, 'emit_log_event');
    assert.equal(r.name, 'emit_log_event');
    assert.equal(r.imports[0].module, 'omnibase_core.logging.structured');
  });

  it('inserts a method at the end of a class with its indentation (tabs)', async () => {
    const file = await pyFile('class NodeXEffect(NodeEffect):\n\tdef a(self):\n\t\treturn 1\n\nx = 2\n');
    const out = applyEdits(file.text, [insertAtClassEnd(file, file.classes[0], 'def b(self):\n    return 2')]);
    assert.equal(out, 'class NodeXEffect(NodeEffect):\n\tdef a(self):\n\t\treturn 1\n\n\tdef b(self):\n\t\treturn 2\n\nx = 2\n');
  });

  it('finds super().__init__ and inserts after it (2-space indentation)', async () => {
    const file = await pyFile('class NodeXEffect(NodeEffect):\n  def __init__(self, c):\n    super().__init__(c)\n    self.a = 1\n');
    const init = file.classes[0].methods.get('__init__')!;
    const stmt = superInitStatement(init)!;
    const out = applyEdits(file.text, [insertAfterStatement(file, stmt, 'if x:\n    y = 1')]);
    assert.equal(out, 'class NodeXEffect(NodeEffect):\n  def __init__(self, c):\n    super().__init__(c)\n    if x:\n      y = 1\n    self.a = 1\n');
  });
});

describe('python edits: insertion points', () => {
  it('inserts after a trailing comment and never splits a CRLF', async () => {
    const file = await pyFile('class NodeXEffect(NodeEffect):\r\n    def __init__(self, c):\r\n        super().__init__(c)  # base\r\n        self.a = 1\r\n');
    const init = file.classes[0].methods.get('__init__')!;
    const out = applyEdits(file.text, [insertAfterStatement(file, superInitStatement(init)!, 'self.b = 2')]);
    assert.equal(out, 'class NodeXEffect(NodeEffect):\r\n    def __init__(self, c):\r\n        super().__init__(c)  # base\r\n        self.b = 2\r\n        self.a = 1\r\n');
  });
});

describe('python edits: bound names', () => {
  it('finds a module imported under an alias', async () => {
    const file = await pyFile('import time as clock\nimport os.path\n');
    assert.equal(boundModuleName(file, 'time'), 'clock');
    assert.equal(boundModuleName(file, 'os.path'), 'os');
    assert.equal(boundModuleName(file, 'json'), null);
  });
});
