// ONEX007 service-resolution: a service resolved with get_service(...) is never tested for absence (rules.md).
import { BRIDGE_PROJECT, TODAY_PROJECT, type RuleTable, dedent, pythonFixture } from '../cases';

const MSG = 'is never tested for None';

const indent = (code: string, n: number) => dedent(code).split('\n').map((l) => (l.trim() ? ' '.repeat(n) + l : l)).join('\n');

/** A node class: `body` starts on line 7 inside `__init__`; `members` follow as class members. */
const node = (body: string, members = '', tail = '') => [
  'from omnibase_core.nodes.node_effect import NodeEffect',
  '',
  '',
  'class NodeServiceEffect(NodeEffect):',
  '    def __init__(self, container):',
  '        super().__init__(container)',
  indent(body, 8),
  ...(members ? ['', indent(members, 4)] : []),
  ...(tail ? ['', dedent(tail)] : []),
].join('\n') + '\n';

/** Today: two services resolved by name, one of them a class the module imports. */
const BY_NAME = [
  'from omnibase_core.protocols.event_bus.protocol_event_bus import ProtocolEventBus',
  '',
  '',
  'class NodeLedgerEffect(NodeEffect):',
  '    def __init__(self, container):',
  '        super().__init__(container)',
  '        self.bus = container.get_service("ProtocolEventBus")',
  '        self.kafka = container.get_service("kafka_client")',
  '',
].join('\n');

export const ONEX007_PYTHON_CASES: RuleTable = {
  config: BRIDGE_PROJECT,
  valid: [
    { name: 'the spec production snippets assembled into one class', code: pythonFixture('dataflow_spec_production.py') },
    {
      name: 'the spec template snippets assembled: pattern 2 tests `if self.kafka_client:`, so the class does test it',
      code: pythonFixture('dataflow_spec_template.py'),
    },
    {
      name: 'spec pattern 1 production: get-or-create with health-check mode',
      code: node(`
          self.kafka_client = container.get_service("kafka_client")
          if self.kafka_client is None and not health_check_mode:
              try:
                  from omninode_bridge.services.kafka_client import KafkaClient
                  self.kafka_client = KafkaClient()
              except ImportError:
                  self.kafka_client = None`),
    },
    {
      name: 'attribute tested in another method: is not None, if, not, and, conditional, while, assert',
      code: node(`
          self.a = container.get_service("a")
          self.b = container.get_service("b")
          self.c = container.get_service("c")
          self.d = container.get_service("d")
          self.e = container.get_service("e")
          self.f = container.get_service("f")
          self.g = container.get_service("g")`, `
async def startup(self):
    enabled = {"a": self.a is not None}
    if self.b:
        await self.b.connect()
    if not self.c:
        return
    ready = self.d and self.d.is_connected
    name = self.e.name if self.e else "none"
    while not self.f:
        await asyncio.sleep(0.1)
    assert self.g, "g is required"`),
    },
    {
      name: 'local tested in the same function: is None, or-default, bool(), isinstance(), == None',
      code: node(`
          cache = container.get_service("cache")
          if cache is None:
              cache = InMemoryCache()
          store = container.get_service("store") or NullStore()
          bus = container.get_service(ProtocolEventBus)
          self.bus_ready = bool(bus)
          sink = container.get_service("sink")
          self.sink_ok = isinstance(sink, ProtocolSink)
          db = container.get_service("db")
          self.has_db = not (db == None)`),
    },
    {
      name: 'a local returned to the caller, or stored into an attribute tested elsewhere',
      code: node(`
          client = container.get_service("kafka_client")
          self.kafka_client = client`, `
def _resolve(self, name):
    service = self.container.get_service(name)
    return service

async def shutdown(self):
    if self.kafka_client is not None:
        await self.kafka_client.disconnect()`),
    },
    {
      name: 'an attribute copied into a local that is tested; getattr(self, name, None)',
      code: node(`
          self.kafka = container.get_service("kafka")
          self.redis = container.get_service("redis")`, `
async def publish(self, event):
    kafka = self.kafka
    if kafka is None:
        return
    await kafka.publish_with_envelope(event_type="e", source_node_id="n", payload={})

def redis_enabled(self):
    return getattr(self, "redis", None) is not None`),
    },
    {
      name: 'tested in a base class defined in the same file',
      code: dedent(`
        from omnibase_core.nodes.node_effect import NodeEffect

        class BaseWithKafka(NodeEffect):
            async def startup(self):
                if self.kafka_client:
                    await self.kafka_client.connect()

        class NodeEventsEffect(BaseWithKafka):
            def __init__(self, container):
                super().__init__(container)
                self.kafka_client = container.get_service("kafka_client")
      `),
    },
    {
      name: 'resolution inside a try that catches the container failure (today\'s container raises)',
      code: node(`
          try:
              self.store = container.get_service(ProtocolStore)
          except ModelOnexError:
              self.store = NullStore()
          try:
              self.cache = container.get_service(ProtocolCache)
          except Exception:
              self.cache = None`),
    },
    {
      name: 'not a node class',
      code: dedent(`
        class Wiring:
            def __init__(self, container):
                self.store = container.get_service("store")
      `),
    },
    {
      name: 'suppressed',
      code: node(`
          self.store = container.get_service("store")  # onex: ignore[ONEX007]`),
    },
    {
      name: 'a function the parser could not fully read stays silent',
      code: node(`
          self.store = container.get_service("store")
          if self.store is None
              pass`),
    },
    {
      name: 'today: a handler resolving by protocol type, testing get_service_optional, a resolution the caller gets',
      code: pythonFixture('today_handler_clean.py'),
    },
    {
      name: 'today: get_service(ProtocolX) without a None test (the container raises ServiceResolutionError instead)',
      config: TODAY_PROJECT,
      code: node(`
        self._store = container.get_service(ProtocolLedgerStore)
        self._clock = container.get_service(ProtocolClock)
      `, `
        def record(self, entry):
            return self._store.append(entry, at=self._clock.now())
      `),
    },
    {
      name: 'today: get_service on something that is not the container, and the service registry\'s own register_service',
      config: TODAY_PROJECT,
      code: node(`
        self._plugins = PluginTable()
        self._codec = self._plugins.get_service("json")
        container.service_registry.register_service(ProtocolCodec, JsonCodec, "singleton", "global")
      `),
    },
    {
      // Changed by rules.md v4: any `if` whose test mentions the service counts as handling its absence.
      name: 'annotated assignment; an if whose test mentions the service (self.kafka.is_connected) handles its absence',
      code: node(`
          self.kafka: KafkaClient = container.get_service("kafka")`, `
async def startup(self):
    if self.kafka.is_connected:
        return
    await self.kafka.connect()`),
    },
    {
      name: 'the next line tests the resolved bus with hasattr and raises (a local and an attribute)',
      code: node(`
          event_bus = container.get_service("event_bus")
          if not hasattr(event_bus, "publish"):
              raise OnexError("event bus lacks publish", error_code=EnumCoreErrorCode.DEPENDENCY_UNAVAILABLE)
          self.event_bus = event_bus
          self.registry = container.get_service("registry")
          if not callable(getattr(self.registry, "lookup", None)) or self.degraded:
              raise OnexError("registry unusable", error_code=EnumCoreErrorCode.DEPENDENCY_UNAVAILABLE)`),
    },
  ],
  invalid: [
    {
      name: 'today: a string service, an untested get_service_optional, create-on-miss fallbacks (try, if None, or) and register_service in a handler',
      code: pythonFixture('today_handler_resolution.py'),
      errors: [
        { line: 26, column: 21, message: /resolves "ProtocolEventBus" by name: today's container takes the protocol type \(get_service\(ProtocolX\)\) and raises AttributeError/ },
        { line: 27, column: 22, message: 'self._risk = container.get_service_optional(...) is never tested for None anywhere in HandlerPaymentCapture' },
        { line: 29, column: 29, message: 'self._gateway is created when the container has none' },
        { line: 32, column: 13, message: "today's container has no register_service" },
        { line: 35, column: 18, message: 'ledger is created when the container has none' },
        { line: 41, column: 16, message: /resolves "ProtocolAuditSink" by name: .* always answers None for a string/ },
        { line: 56, column: 18, message: 'scorer is created when the container has none' },
      ],
    },
    {
      name: 'today: the string becomes the protocol type the module imports; a name it does not bind gets no fix',
      config: TODAY_PROJECT,
      code: BY_NAME,
      errors: [
        { line: 7, column: 20, message: 'resolves "ProtocolEventBus" by name' },
        { line: 8, column: 22, message: 'resolves "kafka_client" by name' },
      ],
      output: BY_NAME.replace('get_service("ProtocolEventBus")', 'get_service(ProtocolEventBus)'),
    },
    {
      name: 'spec pattern 1 template: the resolved client is never tested',
      code: dedent(`
        class NodeCodegenOrchestrator(NodeOrchestrator):
            def __init__(self, container: ModelContainer):
                """Initialize node."""
                super().__init__(container)

                # Get services
                self.kafka_client = container.get_service("kafka_client")

                # Initialize metrics
                self._total_operations = 0
      `),
      errors: [{
        line: 7, column: 29, endLine: 7, endColumn: 66,
        message: `self.kafka_client = container.get_service(...) ${MSG} anywhere in NodeCodegenOrchestrator`,
      }],
    },
    {
      name: 'a local used without a test; a test in another function is another variable',
      code: node(`
          metrics = container.get_service("metrics")
          metrics.increment("init")`, `
def other(self):
    metrics = self.metrics_or_none()
    if metrics is None:
        return`),
      errors: [{ line: 7, column: 19, message: `metrics = container.get_service(...) ${MSG} in its function` }],
    },
    {
      name: 'a value on the right of `or` outside a condition is not tested',
      code: node(`
          self.store = container.get_service("store")
          self.target = self.default_store or self.store`),
      errors: [{ line: 7, column: 22 }],
    },
    {
      name: 'a narrow except around the resolution does not count',
      code: node(`
          try:
              self.store = container.get_service(ProtocolStore)
          except ValueError:
              self.store = None`),
      errors: [{ line: 8, column: 26 }],
    },
    {
      name: 'nested function: its local is its own',
      code: node(`
          pass`, `
async def process(self, data):
    client = None
    if client is None:
        pass

    def resolve():
        client = self.container.get_service("http")
        return client.session()

    return resolve()`),
      errors: [{ line: 15, column: 22 }],
    },
    {
      name: 'decorated async method and self.container receiver; a syntax error elsewhere',
      code: node(`
          pass`, `
@trace("startup")
async def startup(self):
    self.audit = self.container.get_service("audit")
    await self.audit.open()`, `
        def broken(:
            pass`),
      errors: [{ line: 11, column: 22 }],
    },
    {
      name: 'a long realistic file with two node classes and a plain helper class',
      code: pythonFixture('dataflow_long_effect.py'),
      errors: [
        { line: 96, column: 29, message: 'self.vector_store' },
        { line: 229, column: 19, message: 'metrics' },
        { line: 256, column: 22, message: 'self.store' },
      ],
    },
  ],
};
