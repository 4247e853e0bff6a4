// ONEX004 error-handling: a broad handler that re-wraps OnexError, and an OnexError raised while
// handling an exception without `from` (rules.md).
import { BRIDGE_PROJECT, TODAY_PROJECT, type RuleTable, dedent, pythonFixture } from '../cases';

const REWRAP = 'an OnexError from the try included';
const NO_CAUSE = 'the original error is lost as its cause';

export const ONEX004_PYTHON_CASES: RuleTable = {
  config: BRIDGE_PROJECT,
  valid: [
    { name: 'the spec production snippets assembled into one class (pattern 3 among them)', code: pythonFixture('statements_spec_production.py') },
    {
      name: 'an earlier except OnexError handler that re-raises, with bookkeeping before the raise',
      code: dedent(`
        from omnibase_core.errors import ModelOnexError as OE

        class NodeStoreEffect(NodeEffect):
            async def a(self):
                try:
                    return await self.work()
                except OE:
                    self._failed += 1
                    emit_log_event(LogLevel.ERROR, "failed", {"node_id": self.node_id})
                    raise
                except Exception as e:
                    raise OE(f"failed: {e}", error_code=EnumCoreErrorCode.INTERNAL_ERROR) from e

            async def b(self):
                try:
                    return await self.work()
                except (OnexError, asyncio.CancelledError) as err:
                    raise err
                except BaseException as e:
                    raise ModelOnexError("failed") from e
      `),
    },
    {
      name: 'an isinstance guard in the broad handler before the new raise (also with an else branch)',
      code: dedent(`
        class NodeFetchEffect(NodeEffect):
            async def a(self, url):
                try:
                    return await self.http.get(url)
                except Exception as err:
                    if isinstance(err, ModelOnexError):
                        raise
                    raise ModelOnexError(f"fetch failed: {err}") from err

            async def b(self, url):
                try:
                    return await self.http.get(url)
                except Exception as e:
                    if isinstance(e, (OnexError, TimeoutError)):
                        raise e
                    else:
                        raise OnexError("fetch failed") from e
      `),
    },
    {
      name: 'handlers that log and re-raise the original, or raise other exceptions',
      code: dedent(`
        class NodeParseCompute(NodeCompute):
            def a(self, raw):
                try:
                    return self.decode(raw)
                except Exception as e:
                    emit_log_event(LogLevel.ERROR, "parse failed", {"error": str(e)})
                    logger.error("parse failed", exc_info=True)
                    raise

            def b(self, raw):
                try:
                    return self.decode(raw)
                except Exception as e:
                    raise ValueError("bad input")

            def c(self, raw):
                try:
                    return self.decode(raw)
                except ValueError as e:
                    raise OnexError("bad input") from e
                except Exception:
                    return None
      `),
    },
    {
      name: 'raises with from (e, another name, None), and raises outside any handler',
      code: dedent(`
        class NodeGateReducer(NodeReducer):
            def a(self, state):
                if not state:
                    raise ModelOnexError("empty state", error_code=EnumCoreErrorCode.INVALID_INPUT)
                try:
                    return self.reduce(state)
                except KeyError as e:
                    raise ModelOnexError("missing key") from None
                except ValueError as e:
                    cause = e
                    raise ModelOnexError("invalid") from cause
      `),
    },
    {
      name: 'a raise in a nested function of a handler, and in a handler without as',
      code: dedent(`
        class NodeGateReducer(NodeReducer):
            def a(self, rows):
                try:
                    return self.reduce(rows)
                except KeyError as e:
                    def fail():
                        raise OnexError("missing")
                    return fail

            def b(self, rows):
                try:
                    return self.reduce(rows)
                except KeyError:
                    raise OnexError("missing key")
      `),
    },
    {
      name: 'outside node classes, and except* groups',
      code: dedent(`
        class Helper:
            def run(self):
                try:
                    work()
                except Exception as e:
                    raise OnexError("failed")

        def module_level():
            try:
                work()
            except Exception as e:
                raise OnexError("failed")

        class NodeGroupsEffect(NodeEffect):
            async def run(self):
                try:
                    await work()
                except* Exception as eg:
                    raise OnexError("failed")
      `),
    },
    {
      name: 'suppression comments',
      code: dedent(`
        class NodeLegacyEffect(NodeEffect):
            async def run(self):
                try:
                    await work()
                except Exception as e:
                    raise OnexError("failed")  # onex: ignore[ONEX004]
      `),
    },
    {
      name: 'today: typed errors raised from e, and RuntimeHostError let through first',
      code: pythonFixture('today_handler_clean.py'),
    },
    {
      name: 'today: a class of the file named like an infra error is no OnexError (not imported from omnibase_infra)',
      config: TODAY_PROJECT,
      code: dedent(`
        class RepositoryError(Exception):
            pass


        class HandlerLedgerRead:
            async def handle(self, request):
                try:
                    return await self._read(request)
                except Exception as exc:
                    raise RepositoryError(str(exc)) from exc
      `),
    },
    {
      name: 'a broad handler that returns a failure response and raises only in a nested branch (its normal path returns)',
      code: dedent(`
        import asyncio

        from omnibase_core.errors import EnumCoreErrorCode, OnexError as CoreError


        class NodeSettlementEffect(NodeEffect):
            """Settles a batch; failures come back as a result, not an exception."""

            def __init__(self, container):
                super().__init__(container)
                self._failed = 0
                self.strict = bool(container.config.get("strict", False)) if hasattr(container.config, "get") else False

            async def execute_effect(self, contract):
                started = asyncio.get_running_loop().time()
                try:
                    receipt = await self._settle(contract.input_state["batch"])
                    return {"success": True, "receipt": receipt}
                except Exception as exc:
                    self._failed += 1
                    if self.strict and not isinstance(exc, asyncio.CancelledError):
                        raise CoreError(
                            f"settlement failed: {exc}",
                            error_code=EnumCoreErrorCode.OPERATION_FAILED,
                        ) from exc
                    elif isinstance(exc, TimeoutError):
                        raise CoreError("settlement timed out", error_code=EnumCoreErrorCode.TIMEOUT) from exc
                    return {"success": False, "error": str(exc), "elapsed": asyncio.get_running_loop().time() - started}

            async def _settle(self, batch):
                return await self.gateway.settle(batch)
      `),
    },
  ],
  invalid: [
    {
      name: 'raises on its own path: in every branch of an if/else and inside a with block; after an early return the re-raise fix is unsafe',
      code: dedent(`
        import asyncio

        from omnibase_core.errors import EnumCoreErrorCode, ModelOnexError


        class NodeArchiveEffect(NodeEffect):
            async def store(self, blob):
                try:
                    return await self.bucket.put(blob)
                except Exception as exc:
                    if isinstance(exc, asyncio.TimeoutError):
                        raise ModelOnexError("archive timed out", error_code=EnumCoreErrorCode.TIMEOUT) from exc
                    else:
                        raise ModelOnexError("archive failed", error_code=EnumCoreErrorCode.OPERATION_FAILED) from exc

            async def fetch(self, key):
                try:
                    return await self.bucket.get(key)
                except Exception as exc:
                    with self.metrics.timer("archive.failure"):
                        raise ModelOnexError(f"fetch {key} failed", error_code=EnumCoreErrorCode.OPERATION_FAILED) from exc

            async def remove(self, key):
                try:
                    await self.bucket.delete(key)
                except Exception as exc:
                    if isinstance(exc, KeyError):
                        return False
                    raise ModelOnexError(f"remove {key} failed", error_code=EnumCoreErrorCode.OPERATION_FAILED) from exc
                return True
      `),
      errors: [{ line: 12, column: 17, message: REWRAP }, { line: 21, column: 17, message: REWRAP }, { line: 29, column: 13, message: REWRAP }],
    },
    {
      name: 'today: a handler re-wrapping every error in an aliased InfraConnectionError without from; the fixes let ModelOnexError through and chain the cause',
      code: pythonFixture('today_handler_errors.py'),
      errors: [
        { line: 39, column: 13, message: 'wraps every error in ConnectionFailed(...), an OnexError from the try included; let it through first (except ModelOnexError: raise)' },
        { line: 39, column: 13, message: 'raised while handling an exception without "from exc"' },
      ],
      output: pythonFixture('today_handler_errors.py')
        .replace('from .models import ModelStatementExportCommand, ModelStatementExported\n',
          'from .models import ModelStatementExportCommand, ModelStatementExported\nfrom omnibase_core.errors import ModelOnexError\n')
        .replace('        except Exception as exc:\n            logger.warning(',
          '        except ModelOnexError:\n            raise\n        except Exception as exc:\n            logger.warning(')
        .replace('                context=self._context(request.correlation_id, "export_statement"),\n            )\n',
          '                context=self._context(request.correlation_id, "export_statement"),\n            ) from exc\n'),
    },
    {
      name: 'the spec template snippets: re-wrapping broad handler without from e',
      code: pythonFixture('statements_spec_template.py'),
      errors: [
        { line: 40, column: 13, endLine: 43, endColumn: 14, message: `except Exception wraps every error in ModelOnexError(...), ${REWRAP}; let it through first (except ModelOnexError: raise)` },
        { line: 40, column: 13, endLine: 43, endColumn: 14, message: `ModelOnexError(...) is raised while handling an exception without "from e": ${NO_CAUSE}` },
      ],
    },
    {
      name: 'aliases of ModelOnexError, BaseException and bare handlers, dotted names',
      code: dedent(`
        from omnibase_core import errors
        from omnibase_core.errors import ModelOnexError as OE
        NodeError = OE

        class NodeAliasEffect(NodeEffect):
            async def a(self):
                try:
                    await work()
                except BaseException as e:
                    raise NodeError("a failed") from e

            async def b(self):
                try:
                    await work()
                except:
                    raise errors.ModelOnexError("b failed") from None

            async def c(self):
                try:
                    await work()
                except (KeyError, Exception) as e:
                    raise OE("c failed") from e
      `),
      errors: [
        { line: 10, column: 13, message: `except BaseException wraps every error in NodeError(...), ${REWRAP}` },
        { line: 16, column: 13, message: 'bare except wraps every error in errors.ModelOnexError(...)' },
        { line: 22, column: 13, message: 'except (KeyError, Exception) wraps every error in OE(...)' },
      ],
    },
    {
      name: 'an OnexError handler that does not end in a re-raise, or comes after the broad one',
      code: dedent(`
        class NodeOrderEffect(NodeEffect):
            async def a(self):
                try:
                    await work()
                except OnexError as e:
                    raise
                    self.count += 1
                except Exception as e:
                    raise OnexError("a") from e

            async def b(self):
                try:
                    await work()
                except Exception as e:
                    raise OnexError("b") from e
                except OnexError:
                    raise
      `),
      errors: [{ line: 9, column: 13 }, { line: 15, column: 13 }],
    },
    {
      name: 'a guard that tests another name or does not re-raise (a raise only inside a nested if, method c, is not reported: rules.md v4)',
      code: dedent(`
        class NodeGuardEffect(NodeEffect):
            async def a(self):
                try:
                    await work()
                except Exception as e:
                    if isinstance(self.last, OnexError):
                        raise
                    raise OnexError("a") from e

            async def b(self):
                try:
                    await work()
                except Exception as e:
                    if isinstance(e, OnexError):
                        logger.info("onex error")
                    raise OnexError("b") from e

            async def c(self):
                try:
                    await work()
                except Exception as e:
                    if self.strict:
                        raise OnexError("c") from e
                    if isinstance(e, OnexError):
                        raise
      `),
      errors: [{ line: 8, column: 13 }, { line: 16, column: 13 }],
    },
    {
      name: 'raise without from in handlers with as, nested handlers, loops and ifs',
      code: dedent(`
        class NodeCauseCompute(NodeCompute):
            def a(self, rows):
                for row in rows:
                    try:
                        self.check(row)
                    except KeyError as missing:
                        if self.strict:
                            raise ModelOnexError(f"missing {missing}", error_code=EnumCoreErrorCode.INVALID_INPUT)

            def b(self, row):
                try:
                    self.check(row)
                except ValueError as e:
                    try:
                        self.repair(row)
                    except RuntimeError:
                        raise ModelOnexError("repair failed")
                    raise
      `),
      errors: [
        { line: 8, column: 21, message: `ModelOnexError(...) is raised while handling an exception without "from missing"` },
        { line: 17, column: 17, message: 'without "from e"' },
      ],
    },
    {
      name: 'a syntax error elsewhere in the file does not hide the findings',
      code: dedent(`
        class NodeIngestEffect(NodeEffect):
            def broken(self):
                return 1 +

            async def run(self):
                try:
                    await work()
                except Exception as e:
                    raise OnexError("failed")
      `),
      errors: [{ line: 9, column: 13, message: REWRAP }, { line: 9, column: 13, message: NO_CAUSE }],
    },
    {
      name: 'a syntax error inside the try: the re-wrap is not judged, the handler\'s own missing cause still is',
      code: dedent(`
        class NodeBrokenEffect(NodeEffect):
            async def run(self):
                try:
                    x = (1 +
                except Exception as e:
                    raise OnexError("failed")
      `),
      errors: [{ line: 6, column: 13, message: NO_CAUSE }],
    },
    {
      name: 'a long effect node with helpers, aliases, decorators and nested functions',
      code: pythonFixture('statements_long_effect.py'),
      errors: [
        { line: 166, column: 13, endLine: 169, endColumn: 14, message: 'except Exception wraps every error in OE(...)' },
        { line: 166, column: 13, message: NO_CAUSE },
        { line: 190, column: 13, message: NO_CAUSE },
        { line: 196, column: 13, message: 'bare except wraps every error in OE(...)' },
        { line: 205, column: 17, message: NO_CAUSE },
      ],
    },
  ],
};
