// ONEX015 hardcoded-endpoint-fallback: localhost / 127.0.0.1 / 192.168.x.x defaults, as infra's no-env-fallbacks.
import { type RuleTable, dedent, TODAY_PROJECT } from '../cases';

export const ONEX015_PYTHON_CASES: RuleTable = {
  // Today's era's own rule: the cases are files of a project on today's framework.
  config: TODAY_PROJECT,
  valid: [
    {
      name: 'fail-fast reads and contract-resolved settings; hosts that are not local; a localhost URL that is no default',
      code: dedent(`
        import os

        from pydantic import BaseModel, Field
        from omnibase_infra.errors import ProtocolConfigurationError


        class ModelQdrantConfig(BaseModel):
            url: str = Field(..., description="e.g. http://localhost:6333 in development")
            collection: str = "vectors"
            host: str = "qdrant.internal"


        def qdrant_url() -> str:
            url = os.environ.get("QDRANT_URL")
            if not url:
                raise ProtocolConfigurationError("QDRANT_URL is not set")
            return url


        HEALTH_PATH = "http://localhost:8085/health"  # not a default: a constant the tests call
        DEV_HINT = os.environ.get("HOST", "qdrant")
      `),
    },
    {
      name: 'exempted on the line: # fallback-ok, # cloud-bus-ok, # OMN-7227-exempt',
      code: dedent(`
        import os
        from omnibase_infra.runtime import kernel

        a = os.getenv("OTEL_ENDPOINT", "http://localhost:4317")  # fallback-ok: collector sidecar
        b = os.environ.get("BUS", "localhost:9092")  # cloud-bus-ok
        c = os.getenv("LAN_NAS", "192.168.86.200")  # OMN-7227-exempt
      `),
    },
    {
      name: 'a test folder (tests/, test/, node_tests/, __tests__/) is not scanned',
      fileName: '/proj/tests/integration/conftest_bus.py',
      code: dedent(`
        from omnibase_infra.event_bus import EventBusKafka

        def bus(bootstrap_servers="localhost:9092"):
            return EventBusKafka(bootstrap_servers=bootstrap_servers)
      `),
    },
    {
      name: 'bootstrap_servers must start with the host; `str | None` is not a str annotation (as the gate reads them)',
      code: dedent(`
        from omnibase_infra.event_bus import EventBusKafka

        bus = EventBusKafka(bootstrap_servers="kafka:9092,localhost:9092")
        fallback: str | None = "localhost"
      `),
    },
  ],
  invalid: [
    {
      name: 'the gate\'s patterns: env defaults (also through an alias), default=, a str field and parameter, bootstrap_servers, a private IP',
      code: dedent(`
        import os as _os

        from pydantic import BaseModel, Field
        from omnibase_infra.event_bus import EventBusKafka


        class ModelLlmEndpointConfig(BaseModel):
            coder_url: str = Field(default="http://localhost:8000/v1")
            fast_url: str = "http://127.0.0.1:8001"


        def make_bus(bootstrap_servers="localhost:19092", group: str = "onex"):
            return EventBusKafka(bootstrap_servers=bootstrap_servers, group=group)


        def embedding_url(host: str = "192.168.86.201") -> str:
            return _os.environ.get("EMBEDDING_URL", "http://localhost:8100")


        neo4j_uri = _os.getenv("NEO4J_URI", default="bolt://localhost:7687")
        producer_config = {"bootstrap_servers": "x"}
        bootstrap_servers = "192.168.86.200:29092"
      `),
      errors: [
        { line: 8, column: 36, message: '"http://localhost:8000/v1" is a default pointing at the local host' },
        { line: 9, column: 21, message: 'is the default of a str setting' },
        { line: 12, column: 32, message: 'is a Kafka bootstrap_servers value' },
        { line: 16, column: 31, message: 'pointing at a private network address' },
        { line: 17, column: 45, message: 'is the fallback of an environment read pointing at the local host' },
        { line: 20, column: 45, message: '"bolt://localhost:7687" is the fallback of an environment read' },
        { line: 22, column: 21, message: 'is a Kafka bootstrap_servers value pointing at a private network address' },
      ],
    },
  ],
};
