// ONEX004 fixes: `except <OnexError name>: raise` before the broad handler (safe, preferred), `from e`
// on a raise in an except block (safe), and the spec's full ladder of handlers (unsafe).
import { strict as assert } from 'node:assert';
import { fixesFor } from '../../src/core/engine';
import { applyEdits } from '../../src/core/text';
import { applyAllFixes, dedent, findingsOf } from '../helpers/ruleTester';
import { ONEX004_PYTHON_CASES } from '../../src/core/rules/onex004/python.cases';
import {
  type EditPolicy, VARIANTS, applyFix, checkFixSafety, fixesOf, fixture, importInsertion, loadParser, pyCompileError,
  runPython, within,
} from './statements_fixSafety';

const TEMPLATE = dedent(`
  from omnibase_core.errors import EnumCoreErrorCode, ModelOnexError


  class NodeTemplateEffect(NodeEffect):
      async def run(self):
          try:
              result = await some_operation()
              return result
          except Exception as e:
              raise ModelOnexError(
                  message=f"Operation failed: {e}",
                  error_code=EnumCoreErrorCode.OPERATION_FAILED,
              )
`);

/** Edits stay inside the try statement the finding is in, or add imports. */
const policy: EditPolicy = (edit, finding, text) => within('try_statement')(edit, finding, text) || importInsertion(edit, text);

/** Applies the full ladder to every re-wrapping handler of the text. */
async function applyLadders(text: string): Promise<string> {
  let current = text;
  for (let round = 0; round < 20; round++) {
    const index = (await findingsOf(current, 'ONEX004')).findIndex((f) => (f.data as { kind: string }).kind === 'rewrap');
    if (index < 0) return current;
    const { fixes } = await fixesOf(current, 'ONEX004', index);
    const ladder = fixes.find((f) => f.id === 'full-ladder');
    assert.ok(ladder, 'no full-ladder fix');
    current = applyEdits(current, ladder.edits);
  }
  throw new Error('ladders did not converge');
}

/** Applies the fix with the given id wherever one is offered, one finding at a time. */
async function applyEvery(text: string, fixId: string): Promise<string> {
  let current = text;
  for (let round = 0; round < 20; round++) {
    const findings = await findingsOf(current, 'ONEX004');
    let next = current;
    for (let i = 0; i < findings.length && next === current; i++) {
      const fix = (await fixesOf(current, 'ONEX004', i)).fixes.find((f) => f.id === fixId);
      if (fix) next = applyEdits(current, fix.edits);
    }
    if (next === current) return current;
    current = next;
  }
  throw new Error(`${fixId} did not converge`);
}

describe('ONEX004 fixes', () => {
  before(loadParser);

  it('offers the re-raise (safe, preferred) and the full ladder (unsafe) for a re-wrapping handler, and from e (safe) for a lost cause', async () => {
    const rewrap = await fixesOf(TEMPLATE, 'ONEX004', 0);
    assert.deepEqual(rewrap.fixes.map((f) => [f.id, f.safety, !!f.preferred]), [['reraise-onex-error', 'safe', true], ['full-ladder', 'unsafe', false]]);
    const cause = await fixesOf(TEMPLATE, 'ONEX004', 1);
    assert.deepEqual(cause.fixes.map((f) => [f.id, f.safety, !!f.preferred]), [['add-from', 'safe', true]]);
  });

  it('inserts except ModelOnexError: raise before the broad handler', async () => {
    assert.equal(await applyFix(TEMPLATE, 'ONEX004', 'reraise-onex-error', 0), dedent(`
      from omnibase_core.errors import EnumCoreErrorCode, ModelOnexError


      class NodeTemplateEffect(NodeEffect):
          async def run(self):
              try:
                  result = await some_operation()
                  return result
              except ModelOnexError:
                  raise
              except Exception as e:
                  raise ModelOnexError(
                      message=f"Operation failed: {e}",
                      error_code=EnumCoreErrorCode.OPERATION_FAILED,
                  )
    `));
  });

  it('adds from e, and both preferred fixes together give the pattern', async () => {
    const expected = dedent(`
      from omnibase_core.errors import EnumCoreErrorCode, ModelOnexError


      class NodeTemplateEffect(NodeEffect):
          async def run(self):
              try:
                  result = await some_operation()
                  return result
              except Exception as e:
                  raise ModelOnexError(
                      message=f"Operation failed: {e}",
                      error_code=EnumCoreErrorCode.OPERATION_FAILED,
                  ) from e
    `);
    assert.equal(await applyFix(TEMPLATE, 'ONEX004', 'add-from', 1), expected);
    const all = await applyAllFixes(TEMPLATE, 'ONEX004');
    assert.ok(all.includes('        except ModelOnexError:\n            raise\n        except Exception as e:\n'));
    assert.ok(all.includes('        ) from e\n'));
    assert.deepEqual(await findingsOf(all, 'ONEX004'), []);
  });

  it('uses the name the file raises (an alias, a dotted name) and keeps comment lines above the handler with it', async () => {
    const code = dedent(`
      from omnibase_core import errors
      from omnibase_core.errors import ModelOnexError as OE


      class NodeAliasEffect(NodeEffect):
          async def a(self):
              try:
                  await work()
              # anything unexpected
              except Exception as e:
                  raise OE("a failed") from e

          async def b(self):
              try:
                  await work()
              except:
                  raise errors.ModelOnexError("b failed") from None
    `);
    assert.equal(await applyAllFixes(code, 'ONEX004'), dedent(`
      from omnibase_core import errors
      from omnibase_core.errors import ModelOnexError as OE


      class NodeAliasEffect(NodeEffect):
          async def a(self):
              try:
                  await work()
              except OE:
                  raise
              # anything unexpected
              except Exception as e:
                  raise OE("a failed") from e

          async def b(self):
              try:
                  await work()
              except errors.ModelOnexError:
                  raise
              except:
                  raise errors.ModelOnexError("b failed") from None
    `));
  });

  it('imports OnexError when the file raises it without binding it', async () => {
    const code = dedent(`
      from omnibase_core.errors import EnumCoreErrorCode


      class NodeLooseEffect(NodeEffect):
          async def a(self):
              try:
                  await work()
              except Exception as e:
                  raise OnexError("a failed", error_code=EnumCoreErrorCode.INTERNAL_ERROR) from e
    `);
    const fixed = await applyFix(code, 'ONEX004', 'reraise-onex-error');
    assert.ok(fixed.startsWith('from omnibase_core.errors import EnumCoreErrorCode, OnexError\n'), fixed);
    const starred = code.replace('from omnibase_core.errors import EnumCoreErrorCode', 'from omnibase_core.errors import *');
    const fixedStarred = await applyFix(starred, 'ONEX004', 'reraise-onex-error');
    assert.ok(fixedStarred.startsWith('from omnibase_core.errors import *\n\n'), 'a wildcard import may bind it: no import added');
  });

  it('adds as <name> to a handler without one, never reusing a name in use (e stays bound)', async () => {
    const code = dedent(`
      class NodeCauseCompute(NodeCompute):
          def b(self, row):
              try:
                  self.check(row)
              except ValueError as e:
                  try:
                      self.repair(row)
                  except RuntimeError:
                      raise ModelOnexError(f"repair failed after {e}")
                  raise

          def c(self, row):
              try:
                  self.check(row)
              except KeyError as e:
                  try:
                      self.repair(row)
                  except:
                      raise ModelOnexError("repair failed")
                  raise
    `);
    assert.equal(await applyEvery(code, 'add-from'), dedent(`
      class NodeCauseCompute(NodeCompute):
          def b(self, row):
              try:
                  self.check(row)
              except ValueError as e:
                  try:
                      self.repair(row)
                  except RuntimeError as exc:
                      raise ModelOnexError(f"repair failed after {e}") from exc
                  raise

          def c(self, row):
              try:
                  self.check(row)
              except KeyError as e:
                  try:
                      self.repair(row)
                  except BaseException as exc:
                      raise ModelOnexError("repair failed") from exc
                  raise
    `));
  });

  it('writes the full ladder with the file\'s names and merged imports', async () => {
    const code = dedent(`
      from omnibase_core.errors import ModelOnexError
      from omnibase_core.nodes.node_effect import NodeEffect


      class NodeTemplateEffect(NodeEffect):
          async def run(self):
              try:
                  return await some_operation()
              except Exception as e:
                  raise ModelOnexError(f"Operation failed: {e}")
    `);
    assert.equal(await applyFix(code, 'ONEX004', 'full-ladder', 0), dedent(`
      from omnibase_core.errors import ModelOnexError, EnumCoreErrorCode
      from omnibase_core.nodes.node_effect import NodeEffect
      import asyncio
      import logging
      from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event
      from omnibase_core.enums.enum_log_level import EnumLogLevel as LogLevel


      class NodeTemplateEffect(NodeEffect):
          async def run(self):
              try:
                  return await some_operation()
              except ModelOnexError:
                  # Do not wrap OnexError: re-raise it with its context
                  raise
              except ConnectionError as e:
                  raise ModelOnexError(
                      f"Network connection failed: {e!s}",
                      error_code=EnumCoreErrorCode.NETWORK_ERROR,
                      node_id=self.node_id,
                      operation="run",
                      error_type="ConnectionError",
                  ) from e
              except (TimeoutError, asyncio.TimeoutError) as e:
                  raise ModelOnexError(
                      f"Operation timed out: {e!s}",
                      error_code=EnumCoreErrorCode.TIMEOUT,
                      node_id=self.node_id,
                      operation="run",
                      error_type=type(e).__name__,
                  ) from e
              except (ValueError, KeyError, AttributeError) as e:
                  emit_log_event(
                      LogLevel.ERROR,
                      f"Invalid data: {e}",
                      {
                          "node_id": self.node_id,
                          "error": str(e),
                          "error_type": type(e).__name__,
                      },
                  )
                  raise ModelOnexError(
                      f"Invalid data: {e!s}",
                      error_code=EnumCoreErrorCode.VALIDATION_ERROR,
                      node_id=self.node_id,
                      operation="run",
                      error_type=type(e).__name__,
                  ) from e
              except Exception as e:
                  emit_log_event(
                      LogLevel.ERROR,
                      f"Unexpected error: {type(e).__name__}",
                      {
                          "node_id": self.node_id,
                          "error": str(e),
                          "error_type": type(e).__name__,
                      },
                  )
                  logging.getLogger(__name__).error(f"Unexpected error: {type(e).__name__}", exc_info=True)
                  raise ModelOnexError(f"Operation failed: {e}", error_code=EnumCoreErrorCode.INTERNAL_ERROR) from e
    `));
  });

  it('the ladder reuses bound names, skips types already handled and keeps a bare handler catching everything', async () => {
    const code = dedent(`
      import asyncio
      import logging

      from omnibase_core.enums.enum_log_level import EnumLogLevel as Level
      from omnibase_core.errors import ModelOnexError as OE
      from omnibase_core.logging.structured import emit_log_event_sync as log_event
      from omnibase_core.errors import EnumCoreErrorCode
      Codes = EnumCoreErrorCode
      _log = logging.getLogger("ingest")


      class NodeLadderEffect(NodeEffect):
          @staticmethod
          async def fetch(client):
              try:
                  return await client.get()
              except (ValueError, TimeoutError) as err:
                  raise OE(f"bad: {err}", error_code=Codes.INVALID_INPUT) from err
              except:
                  raise OE("fetch failed", error_code=Codes.OPERATION_FAILED) from None
    `);
    const fixed = await applyFix(code, 'ONEX004', 'full-ladder', 0);
    assert.equal(fixed.slice(0, fixed.indexOf('class ')), code.slice(0, code.indexOf('class ')), 'no import was needed');
    assert.ok(fixed.includes('        except asyncio.TimeoutError as e:\n'), 'TimeoutError is already handled');
    assert.ok(fixed.includes('        except (KeyError, AttributeError) as e:\n'), 'ValueError is already handled');
    assert.ok(fixed.includes('            log_event(\n                Level.ERROR,'));
    assert.ok(fixed.includes('error_code=Codes.NETWORK_ERROR'));
    assert.ok(fixed.includes('            _log.error(f"Unexpected error: {type(e).__name__}", exc_info=True)\n'));
    assert.ok(fixed.includes('        except BaseException as e:\n'), 'the bare handler keeps catching BaseException');
    assert.ok(!fixed.includes('self.node_id'), 'a static method has no self');
    assert.ok(fixed.includes('raise OE("fetch failed", error_code=Codes.OPERATION_FAILED) from None'), 'an explicit from stays');
    assert.equal(pyCompileError(fixed), null);
    assert.deepEqual(await findingsOf(fixed, 'ONEX004'), []);
  });

  it('the fixed code runs: OnexError passes through, each error gets its code, the cause is chained', () => {
    const node = dedent(`
      from omnibase_core.errors import ModelOnexError
      from omnibase_core.nodes.node_effect import NodeEffect


      class NodeTemplateEffect(NodeEffect):
          async def run(self, error):
              try:
                  raise error
              except Exception as e:
                  raise ModelOnexError(f"Operation failed: {e}")
    `);
    return (async () => {
      const fixed = await applyFix(node, 'ONEX004', 'full-ladder', 0);
      const driver = dedent(`
        import asyncio
        from omnibase_core.errors import ModelOnexError, EnumCoreErrorCode
        from node_under_test import NodeTemplateEffect

        from omnibase_core.models.container.model_onex_container import ModelONEXContainer

        node = NodeTemplateEffect(container=ModelONEXContainer())
        original = ModelOnexError("already wrapped", error_code=EnumCoreErrorCode.NOT_FOUND)
        for error in [original, ConnectionError("refused"), asyncio.TimeoutError(), KeyError("id"), RuntimeError("boom")]:
            try:
                asyncio.run(node.run(error))
            except ModelOnexError as raised:
                same = raised is original
                cause = raised.__cause__ is error
                # omnibase_core 0.1.0 keeps the keyword context under additional_context.
                context = raised.context.get("additional_context", {})
                print(type(error).__name__, raised.error_code.name, same, cause, context.get("node_id") == node.node_id)
      `);
      assert.deepEqual(runPython(fixed, driver).trim().split('\n'), [
        'ModelOnexError NOT_FOUND True False False',
        'ConnectionError NETWORK_ERROR False True True',
        'TimeoutError TIMEOUT False True True',
        'KeyError VALIDATION_ERROR False True True',
        'RuntimeError INTERNAL_ERROR False True False',
      ]);
    })();
  });

  for (const variant of VARIANTS) {
    it(`fix safety on the fix corpus (${variant.name})`, async () => {
      const text = variant.transform(fixture('statements_fix_corpus.py'));
      const { before } = await checkFixSafety('ONEX004', text, policy, variant.unit);
      assert.equal(before.filter((f) => f.ruleId === 'ONEX004').length, 6);
    });

    it(`the full ladder on the fix corpus (${variant.name})`, async () => {
      const text = variant.transform(fixture('statements_fix_corpus.py'));
      const laddered = await applyLadders(text);
      assert.equal(pyCompileError(laddered), null);
      const rewraps = (await findingsOf(laddered, 'ONEX004')).filter((f) => (f.data as { kind: string }).kind === 'rewrap');
      assert.deepEqual(rewraps, []);
      assert.equal((await findingsOf(laddered, 'ONEX011')).length, (await findingsOf(text, 'ONEX011')).length);
      if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(laddered), 'a bare LF in a CRLF file');
      if (variant.unit === '\t') assert.ok(!/\n {2,}\S/.test(laddered.replace(/"""[\s\S]*?"""/g, '')), 'space indentation in a tab file');
    });
  }

  it('fix safety on the long effect node with a syntax error elsewhere', async () => {
    await checkFixSafety('ONEX004', fixture('statements_long_effect.py'), policy, '    ');
  });
});

describe('ONEX004 fixes: the re-raise is safe only where the broad handler raises on every path', () => {
  it('safe where the handler always raises (if/else, with); unsafe where it may return or continue first', async () => {
    const own = ONEX004_PYTHON_CASES.invalid.find((c) => c.name.startsWith('raises on its own path'));
    assert.ok(own, 'the table case');
    // Its node (store: if/else, fetch: with, remove: an early return), and a loop the handler continues.
    const code = own.code + [
      '',
      '    async def drain(self, keys):',
      '        for key in keys:',
      '            try:',
      '                await self.bucket.delete(key)',
      '            except Exception as exc:',
      '                if isinstance(exc, KeyError):',
      '                    continue',
      '                raise ModelOnexError(f"drain {key} failed", error_code=EnumCoreErrorCode.OPERATION_FAILED) from exc',
      '',
    ].join('\n');
    const findings = await findingsOf(code, 'ONEX004');
    assert.equal(findings.length, 4);
    const safety = [];
    for (let i = 0; i < findings.length; i++) safety.push((await fixesOf(code, 'ONEX004', i)).fixes.find((f) => f.id === 'reraise-onex-error')!.safety);
    assert.deepEqual(safety, ['safe', 'safe', 'unsafe', 'unsafe']);
  });
});

describe('ONEX004 fixes (TypeScript): the re-throw is safe only where the catch block throws on every path', () => {
  it('safe where it always throws (if/else); unsafe where it may return first', async () => {
    const code = dedent(`
      import { EnumCoreErrorCode, NodeEffect, OnexError } from '@omninode/onex-runtime';

      export class NodeArchiveEffect extends NodeEffect {
        async store(blob: Uint8Array): Promise<string> {
          try {
            return await this.bucket.put(blob);
          } catch (error) {
            if (error instanceof TypeError) {
              throw new OnexError('archive rejected the blob', EnumCoreErrorCode.VALIDATION_ERROR, { cause: error });
            } else {
              throw new OnexError('archive failed', EnumCoreErrorCode.OPERATION_FAILED, { cause: error });
            }
          }
        }

        async remove(key: string): Promise<boolean> {
          try {
            await this.bucket.delete(key);
            return true;
          } catch (error) {
            if (error instanceof RangeError) return false;
            throw new OnexError(\`remove \${key} failed\`, EnumCoreErrorCode.OPERATION_FAILED, { cause: error });
          }
        }
      }
    `);
    const findings = await findingsOf(code, 'ONEX004', 'typescript');
    assert.equal(findings.length, 2, findings.map((f) => f.message).join('\n'));
    const safety = [];
    for (const finding of findings) {
      const { fixes } = await fixesFor(code, finding, { language: 'typescript', fileName: 'node.ts' });
      safety.push(fixes.find((f) => f.id === 'reraise-onex-error')!.safety);
    }
    assert.deepEqual(safety, ['safe', 'unsafe']);
  });
});
