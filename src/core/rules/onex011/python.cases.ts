// ONEX011 unknown-error-code: EnumCoreErrorCode members that do not exist in the framework
// (rules.md, onex-facts.md, error-codes.txt).
import { BRIDGE_PROJECT, type RuleTable, dedent, pythonFixture } from '../cases';

const MISSING = 'does not exist in the framework and raises AttributeError when this line runs';

export const ONEX011_PYTHON_CASES: RuleTable = {
  config: BRIDGE_PROJECT,
  valid: [
    { name: 'the spec template snippets (OPERATION_FAILED exists)', code: pythonFixture('statements_spec_template.py') },
    {
      name: 'existing members, through aliases and dotted names, anywhere in the file',
      code: dedent(`
        from omnibase_core import errors
        from omnibase_core.errors import EnumCoreErrorCode as Codes
        CoreErrorCode = Codes

        DEFAULT = Codes.INTERNAL_ERROR

        def helper():
            return errors.EnumCoreErrorCode.NETWORK_ERROR, CoreErrorCode.TIMEOUT.value

        class NodeCodesEffect(NodeEffect):
            async def run(self):
                raise ModelOnexError("x", error_code=CoreErrorCode.VALIDATION_ERROR)
      `),
    },
    {
      name: 'attributes that are not members: dunders, methods, lower-case names',
      code: dedent(`
        members = EnumCoreErrorCode.__members__
        code = EnumCoreErrorCode.get_component("ONEX_CORE_001")
        names = [c.name for c in EnumCoreErrorCode]
        value = EnumCoreErrorCode("ONEX_CORE_001")
      `),
    },
    {
      name: 'other enums and objects with an unknown-looking attribute',
      code: dedent(`
        from .enums import EnumBridgeErrorCode
        code = EnumBridgeErrorCode.CONNECTION_ERROR
        other = self.codes.CONNECTION_ERROR
        status = EnumCoreErrorCode
        status = errors.CONNECTION_ERROR
      `),
    },
    {
      name: 'a class of that name defined in the file (its own members), and a hasattr guard',
      code: dedent(`
        from enum import Enum

        class EnumCoreErrorCode(str, Enum):
            CONNECTION_ERROR = "ONEX_CONN_001"

        code = EnumCoreErrorCode.CONNECTION_ERROR
      `),
    },
    {
      name: 'a hasattr guard on the member',
      code: dedent(`
        from omnibase_core.errors import EnumCoreErrorCode

        code = EnumCoreErrorCode.CONNECTION_ERROR if hasattr(EnumCoreErrorCode, "CONNECTION_ERROR") else EnumCoreErrorCode.NETWORK_ERROR
        if hasattr(EnumCoreErrorCode, "STARTUP_ERROR"):
            start = EnumCoreErrorCode.STARTUP_ERROR
      `),
    },
    {
      name: 'a dangling attribute access is a syntax error, not a member',
      code: dedent(`
        x = EnumCoreErrorCode.
        CONNECTION_ERROR = 1
      `),
    },
    {
      name: 'suppression comments',
      code: dedent(`
        code = EnumCoreErrorCode.CONNECTION_ERROR  # onex: ignore[ONEX011]
        other = EnumCoreErrorCode.EXECUTION_ERROR  # noqa: E501  onex: ignore
      `),
    },
  ],
  invalid: [
    {
      name: 'the spec production snippets: CONNECTION_ERROR does not exist',
      code: pythonFixture('statements_spec_production.py'),
      errors: [{ line: 202, column: 46, endLine: 202, endColumn: 62, message: `EnumCoreErrorCode.CONNECTION_ERROR ${MISSING}; use NETWORK_ERROR` }],
    },
    {
      name: 'names the spec, old templates and onex-facts list, with their replacements',
      code: dedent(`
        from omnibase_core.errors import EnumCoreErrorCode

        a = EnumCoreErrorCode.CONNECTION_ERROR
        b = EnumCoreErrorCode.EXECUTION_ERROR
        c = EnumCoreErrorCode.INITIALIZATION_ERROR
        d = EnumCoreErrorCode.DATABASE_ERROR
        e = EnumCoreErrorCode.STARTUP_ERROR
        f = EnumCoreErrorCode.SERVICE_UNAVAILABLE_ERROR
        g = EnumCoreErrorCode.UNAVAILABLE
        h = EnumCoreErrorCode.RESOURCE_EXHAUSTED
      `),
      errors: [
        { line: 3, column: 23, endColumn: 39, message: 'use NETWORK_ERROR' },
        { line: 4, column: 23, message: 'use OPERATION_FAILED' },
        { line: 5, column: 23, message: 'use INITIALIZATION_FAILED' },
        { line: 6, column: 23, message: 'use DATABASE_OPERATION_ERROR' },
        { line: 7, column: 23, message: 'use SERVICE_START_FAILED' },
        { line: 8, column: 23, message: 'use SERVICE_UNAVAILABLE' },
        { line: 9, column: 23, message: 'use SERVICE_UNAVAILABLE' },
        { line: 10, column: 23, message: 'use QUOTA_EXCEEDED' },
      ],
    },
    {
      name: 'through an assignment alias, an import alias and a dotted module path',
      code: dedent(`
        import omnibase_core.errors as errs
        from omnibase_core.errors import EnumCoreErrorCode as Codes
        CoreErrorCode = Codes

        class NodeAliasEffect(NodeEffect):
            async def run(self):
                try:
                    await work()
                except Exception as e:
                    raise ModelOnexError("x", error_code=CoreErrorCode.CONECTION_ERROR) from e

        FALLBACK = errs.EnumCoreErrorCode.VALIDATON_ERROR
      `),
      errors: [
        { line: 10, column: 64, message: `CoreErrorCode.CONECTION_ERROR (EnumCoreErrorCode) ${MISSING}; use NETWORK_ERROR` },
        { line: 12, column: 35, message: `errs.EnumCoreErrorCode.VALIDATON_ERROR ${MISSING}; use VALIDATION_ERROR` },
      ],
    },
    {
      name: 'no replacement when nothing is close enough',
      code: 'code = EnumCoreErrorCode.FLUX_CAPACITOR_MELTDOWN\n',
      errors: [{ line: 1, column: 26, message: /does not exist in the framework and raises AttributeError when this line runs$/ }],
    },
    {
      name: 'a syntax error elsewhere in the file does not hide the finding',
      code: dedent(`
        def broken(:
            pass

        code = EnumCoreErrorCode.TIMEOUT_ERRORS
      `),
      errors: [{ line: 4, column: 26, message: 'use TIMEOUT_ERROR' }],
    },
    {
      name: 'a long effect node: inside and outside node classes',
      code: pythonFixture('statements_long_effect.py'),
      errors: [
        { line: 58, column: 64, message: 'CoreErrorCode.EXECUTION_ERROR (EnumCoreErrorCode)' },
        { line: 168, column: 42, message: 'use NETWORK_ERROR' },
        { line: 196, column: 65, message: 'use SERVICE_STOP_FAILED' },
        { line: 239, column: 30, message: 'EnumCoreErrorCode.DATABASE_ERROR' },
      ],
    },
  ],
};
