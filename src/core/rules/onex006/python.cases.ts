// ONEX006 defensive-config: container configuration read without a defensive guard (rules.md).
import { BRIDGE_PROJECT, type RuleTable, dedent, pythonFixture } from '../cases';

const MSG = 'reads configuration without a defensive guard';

/** Re-indents a dedented snippet by `n` spaces. */
const indent = (code: string, n: number) => dedent(code).split('\n').map((l) => (l.trim() ? ' '.repeat(n) + l : l)).join('\n');

/**
 * A node class: line 5 is `def __init__`, the `body` lines start on line 7 inside it; `members`
 * follow as class members; `tail` is module-level code at the end.
 */
const node = (body: string, members = '', tail = '') => [
  'from omnibase_core.nodes.node_effect import NodeEffect',
  '',
  '',
  'class NodeConfigEffect(NodeEffect):',
  '    def __init__(self, container):',
  '        super().__init__(container)',
  indent(body, 8),
  ...(members ? ['', indent(members, 4)] : []),
  ...(tail ? ['', dedent(tail)] : []),
].join('\n') + '\n';

export const ONEX006_PYTHON_CASES: RuleTable = {
  config: BRIDGE_PROJECT,
  valid: [
    { name: 'the spec production snippets assembled into one class', code: pythonFixture('dataflow_spec_production.py') },
    {
      name: 'spec pattern 1 production __init__: defensive block, then the remaining keys read directly',
      code: node(`
          try:
              if hasattr(container.config, "get") and callable(container.config.get):
                  self.timeout = container.config.get("timeout", os.getenv("TIMEOUT_SECONDS", "30"))
              else:
                  self.timeout = os.getenv("TIMEOUT_SECONDS", "30")
          except Exception:
              self.timeout = os.getenv("TIMEOUT_SECONDS", "30")
          self.consul_host: str = container.config.get("consul_host", os.getenv("CONSUL_HOST", "omninode-bridge-consul"))
          self.consul_port: int = container.config.get("consul_port", int(os.getenv("CONSUL_PORT", "28500")))`),
    },
    {
      name: 'try with a broad handler, a bare except, AttributeError/KeyError handlers',
      code: node(`
          try:
              self.a = container.config.get("a")
          except Exception:
              self.a = None
          try:
              self.b = container.config["b"]
          except:
              self.b = None
          try:
              self.c = self.container.config.c
          except (KeyError, AttributeError) as e:
              self.c = None
          try:
              self.d = container.config["d"]
          except LookupError:
              self.d = None`),
    },
    {
      name: 'an if body, a conditional expression and an and-chain whose test has hasattr(config, "get")',
      code: node(`
          if hasattr(container.config, "get") and callable(container.config.get):
              self.a = container.config.get("a", 1)
          self.b = container.config.get("b") if hasattr(container.config, "get") else None
          self.c = hasattr(self.container.config, "get") and self.container.config.get("c")`),
    },
    {
      name: 'the hasattr test itself and callable(config.get) are not reads',
      code: node(`
          self.ok = hasattr(container.config, "get") and callable(container.config.get)`),
    },
    {
      name: 'early exit on a negated test, the else branch of a negated test',
      code: node(`
          pass`, `
    def _setting(self, key, default=None):
        if not hasattr(self.container.config, "get"):
            return default
        return self.container.config.get(key, default)

    def _other(self, key):
        if not hasattr(self.container.config, "get"):
            value = None
        else:
            value = self.container.config.get(key)
        return value`),
    },
    {
      name: 'with suppress(KeyError) around a subscript',
      code: node(`
          with contextlib.suppress(KeyError):
              self.a = container.config["a"]`),
    },
    {
      name: 'a helper method whose every caller guards it',
      code: node(`
          try:
              self.limits = self._read_limits()
          except Exception:
              self.limits = {}`, `
    def _read_limits(self):
        return self.container.config["limits"]

    async def startup(self):
        try:
            self.limits = self._read_limits()
        except AttributeError:
            pass`),
    },
    {
      name: 'a nested function called only inside a guarded try',
      code: node(`
          pass`, `
    async def _fetch(self):
        async def inner():
            return self.container.config.get("source")

        try:
            return await inner()
        except Exception:
            return None`),
    },
    {
      name: 'writes and method calls on the config object are not reads',
      code: node(`
          container.config["mode"] = "fast"
          self.container.config.timeout = 3
          del self.container.config["legacy"]
          self.container.config.from_dict({"a": 1})
          container.config.override({"b": 2})`),
    },
    {
      name: 'other receivers: self.config, settings.config, a local cfg',
      code: node(`
          self.a = self.config.get("a")
          self.b = settings.config.get("b")
          cfg = load()
          self.c = cfg["c"]
          self.d = self.container.settings.get("d")`),
    },
    {
      name: 'not a node class',
      code: dedent(`
        class Helper:
            def __init__(self, container):
                self.a = container.config.get("a")
                self.b = container.config["b"]
      `),
    },
    {
      name: 'suppressed on the line and for the file',
      code: node(`
          self.a = container.config.get("a")  # onex: ignore[ONEX006]
          self.b = container.config["b"]  # noqa: E501  onex: ignore`),
    },
    {
      name: 'file-level suppression',
      code: '# onex: ignore-file[ONEX006]\n' + node(`
          self.a = container.config.get("a")`),
    },
    {
      name: 'a read whose function the parser could not fully read stays silent',
      code: node(`
          self.a = container.config.get("a"
          self.b = 1`),
    },
  ],
  invalid: [
    {
      name: 'the three read forms, unguarded, in __init__',
      code: node(`
          self.timeout = container.config.get("timeout", 30)
          self.mode = container.config["mode"]
          self.host = self.container.config.host`),
      errors: [
        { line: 7, column: 24, endLine: 7, endColumn: 59, message: `container.config.get(...) ${MSG} (try/except or hasattr(config, "get")) in NodeConfigEffect` },
        { line: 8, column: 21, endColumn: 45, message: 'container.config[...]' },
        { line: 9, column: 21, endColumn: 47, message: 'self.container.config.host' },
      ],
    },
    {
      name: 'a narrow handler does not guard; nor do except, else and finally blocks',
      code: node(`
          try:
              self.a = int(container.config.get("a"))
          except ValueError:
              self.a = 0
          try:
              pass
          except Exception:
              self.b = container.config.get("b")
          else:
              self.c = container.config["c"]
          finally:
              self.d = self.container.config.d`),
      errors: [{ line: 8, column: 26 }, { line: 14, column: 22 }, { line: 16, column: 22 }, { line: 18, column: 22 }],
    },
    {
      name: 'a test of another object, and a test that comes after the read',
      code: node(`
          self.a = container.config.get("a")
          if hasattr(container.config, "get"):
              pass
          if hasattr(self.settings.config, "get"):
              pass`, `
    def other(self):
        if hasattr(self.settings.config, "get"):
            pass
        return self.container.config.get("b")`),
      errors: [{ line: 7, column: 18 }, { line: 16, column: 16 }],
    },
    {
      name: 'a lambda inside a try is not guarded when it runs later',
      code: node(`
          try:
              self._reader = lambda: container.config.get("x")
          except Exception:
              pass`),
      errors: [{ line: 8, column: 36 }],
    },
    {
      name: 'a helper with one unguarded caller; a nested function called from an except block',
      code: node(`
          self.limits = self._read_limits()`, `
    def _read_limits(self):
        return self.container.config["limits"]

    async def _fetch(self):
        def fallback():
            return self.container.config.get("fallback")

        try:
            return await self.remote()
        except Exception:
            return fallback()`),
      errors: [{ line: 10, column: 16 }, { line: 14, column: 20 }],
    },
    {
      name: 'self._container, decorated async methods, properties',
      code: node(`
          pass`, `
    @property
    def endpoint(self):
        return self._container.config.get("endpoint")

    @trace("startup")
    async def startup(self):
        await self.connect(self.container.config["broker"])`),
      errors: [{ line: 11, column: 16 }, { line: 15, column: 28 }],
    },
    {
      name: 'a syntax error elsewhere in the file',
      code: node(`
          self.a = container.config.get("a")`, '', `
        def broken(:
            pass`),
      errors: [{ line: 7, column: 18 }],
    },
    {
      name: 'one read suppressed, the other reported',
      code: node(`
          self.a = container.config.get("a")  # onex: ignore[ONEX006]
          self.b = container.config.get("b")  # onex: ignore[ONEX007]`),
      errors: [{ line: 8, column: 18 }],
    },
    {
      name: 'aliased base class',
      code: dedent(`
        from omnibase_core.nodes.node_compute import NodeCompute as ComputeBase

        class ReportBuilder(ComputeBase):
            def __init__(self, container):
                super().__init__(container)
                self.threshold = container.config.get("threshold", 0.5)
      `),
      errors: [{ line: 6, column: 26 }],
    },
    {
      name: 'a long realistic file with two node classes and a plain helper class',
      code: pythonFixture('dataflow_long_effect.py'),
      errors: [
        { line: 127, column: 16, message: 'self.container.config.endpoint' }, // property, attribute-style read
        { line: 254, column: 26 }, // legacy __init__: get
        { line: 255, column: 21 }, // legacy __init__: subscript
        { line: 274, column: 20 }, // nested fallback() called from an except block
      ],
    },
  ],
};
