// ONEX016 io-in-init: I/O in the __init__ of a node or handler class.
import type { PackageFacts } from '../../packageFacts';
import { type RuleTable, dedent, TODAY_PROJECT } from '../cases';

const FACTS: PackageFacts = {
  contract: '/proj/src/acme/nodes/node_ledger_write_effect/contract.yaml',
  archetype: 'effect',
  handlers: [{ name: 'HandlerLedgerAppend', module: 'acme.nodes.node_ledger_write_effect.handlers.handler_ledger_append' }],
  declaredEnvironment: [],
  configKeys: [],
};
const HANDLER = '/proj/src/acme/nodes/node_ledger_write_effect/handlers/handler_ledger_append.py';

export const ONEX016_PYTHON_CASES: RuleTable = {
  // Today's era's own rule: the cases are files of a project on today's framework.
  config: TODAY_PROJECT,
  valid: [
    {
      name: "today's handler: __init__ keeps the container and builds plain objects; the connection is made lazily in handle() behind a lock",
      config: { packageFacts: FACTS },
      fileName: HANDLER,
      code: dedent(`
        import asyncio
        import sqlite3

        import httpx
        from omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput
        from omnibase_infra.enums import EnumHandlerType, EnumHandlerTypeCategory


        class HandlerLedgerAppend:
            def __init__(self, container, http_client: httpx.AsyncClient | None = None) -> None:
                self._container = container
                self._lock = asyncio.Lock()
                self._db: sqlite3.Connection | None = None
                self._client = http_client or httpx.AsyncClient(timeout=10.0)
                self._reader = lambda path: open(path).read()

                def _connect():
                    return sqlite3.connect("ledger.db")

                self._connect = _connect

            async def _ensure_db_ready(self) -> sqlite3.Connection:
                async with self._lock:
                    if self._db is None:
                        self._db = self._connect()
                    return self._db

            async def handle(self, request):
                db = await self._ensure_db_ready()
                db.execute("INSERT INTO ledger VALUES (?)", (request.entry,))
                return ModelHandlerOutput.for_effect(input_envelope_id=request.envelope_id, correlation_id=request.correlation_id, events=())
      `),
    },
    {
      name: 'a node class of node.py is ONEX012\'s (DECL-003/004); a test double; a class that is neither node nor handler',
      fileName: '/proj/src/acme/nodes/node_ledger_write_effect/node.py',
      code: dedent(`
        import sqlite3

        from omnibase_core.nodes.node_effect import NodeEffect


        class NodeLedgerWriteEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self._db = sqlite3.connect("ledger.db")


        class FakeLedgerEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self._db = sqlite3.connect(":memory:")


        class LedgerExporter:
            def __init__(self, path):
                self._out = open(path, "w")
      `),
    },
    {
      name: 'silenced on the line by # io-ok or # handler-di-ok:',
      config: { packageFacts: FACTS },
      fileName: HANDLER,
      code: dedent(`
        import subprocess
        from pathlib import Path


        class HandlerLedgerAppend:
            def __init__(self, container):
                self._schema = Path(__file__).with_name("schema.sql").read_text()  # io-ok: packaged resource
                self._rev = subprocess.check_output(["git", "rev-parse", "HEAD"])  # handler-di-ok: build stamp
      `),
    },
  ],
  invalid: [
    {
      name: 'a handler that connects, reads files, runs a loop and builds a bus in __init__ (aliases followed)',
      config: { packageFacts: FACTS },
      fileName: HANDLER,
      code: dedent(`
        import asyncio
        import sqlite3 as sql
        from pathlib import Path
        from subprocess import run as sh

        import requests
        from kafka import KafkaProducer
        from omnibase_infra.enums import EnumHandlerType


        class HandlerLedgerAppend:
            """Appends ledger entries (pre-lazy version)."""

            def __init__(self, container) -> None:
                self._container = container
                self._db = sql.connect("/var/lib/ledger.db")
                with open("/etc/ledger/schema.sql") as f:
                    self._schema = f.read()
                self._seed = Path("/etc/ledger/seed.json").read_text()
                self._token = requests.post("https://auth.internal/token", timeout=5).json()["token"]
                self._producer = KafkaProducer(bootstrap_servers="kafka:9092")
                sh(["alembic", "upgrade", "head"], check=True)
                asyncio.run(self._warm_up())

            async def _warm_up(self) -> None:
                await asyncio.sleep(0)

            async def handle(self, request):
                return request
      `),
      errors: [
        { line: 16, column: 20, message: 'HandlerLedgerAppend.__init__ does I/O: database driver (sqlite3.connect(...)); the runtime builds handlers when it boots and never calls their initialize()' },
        { line: 17, column: 14, message: 'opens a file (open(...))' },
        { line: 19, column: 22, message: 'reads a file (.read_text())' },
        { line: 20, column: 23, message: 'network/HTTP client (requests.post(...))' },
        { line: 21, column: 26, message: 'direct event-bus instantiation (KafkaProducer(...))' },
        { line: 22, column: 9, message: 'subprocess execution (subprocess.run(...))' },
        { line: 23, column: 9, message: 'runs an event loop (asyncio.run(...))' },
      ],
    },
    {
      name: 'a node outside node.py, and an exempted node.py node: ONEX012 does not judge them, this rule does',
      fileName: '/proj/src/acme/nodes/node_legacy_orchestrator/node.py',
      code: dedent(`
        import json

        from omnibase_core.nodes.node_orchestrator import NodeOrchestrator


        # ONEX_EXCLUDE: declarative_node - routing table loaded at start (OMN-4410)
        class NodeLegacyOrchestrator(NodeOrchestrator):
            def __init__(self, container):
                super().__init__(container)
                self._routes = json.load(open("routes.json"))
      `),
      errors: [
        { line: 10, column: 34, message: "NodeLegacyOrchestrator.__init__ does I/O: opens a file (open(...)); today's runtime builds nodes as anchors for their contract" },
      ],
    },
  ],
};
