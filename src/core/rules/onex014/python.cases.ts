// ONEX014 env-read: environment reads in node and handler code the contract does not declare, or with a fallback.
import type { PackageFacts } from '../../packageFacts';
import { type RuleTable, dedent, TODAY_PROJECT } from '../cases';

const FACTS: PackageFacts = {
  contract: '/proj/src/acme/nodes/node_vector_store_effect/contract.yaml',
  archetype: 'effect',
  nodeType: 'EFFECT_GENERIC',
  handlers: [{ name: 'HandlerVectorUpsert', module: 'acme.nodes.node_vector_store_effect.handlers.handler_vector_upsert' }],
  declaredEnvironment: ['QDRANT_URL', 'embedding_url', 'EMBEDDING_URL'],
  configKeys: ['collection_name', 'operational'],
  configEnvironment: ['EMBEDDING_MODEL'],
};
const HANDLER = '/proj/src/acme/nodes/node_vector_store_effect/handlers/handler_vector_upsert.py';
const IN_PACKAGE = { config: { packageFacts: FACTS }, fileName: HANDLER };

export const ONEX014_PYTHON_CASES: RuleTable = {
  // Today's era's own rule: the cases are files of a project on today's framework.
  config: TODAY_PROJECT,
  valid: [
    {
      name: 'declared reads, read fail-fast (a dependency of type environment by env_var, a config key, a config env name, a bootstrap variable)',
      ...IN_PACKAGE,
      code: dedent(`
        import os

        from omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput
        from omnibase_infra.errors import ProtocolConfigurationError


        class HandlerVectorUpsert:
            def __init__(self, container):
                self._container = container

            def _settings(self) -> tuple[str, str, str, str]:
                url = os.environ["QDRANT_URL"]
                embedding = os.environ.get("EMBEDDING_URL")
                if embedding is None:
                    raise ProtocolConfigurationError("EMBEDDING_URL is not set")
                collection = os.getenv("COLLECTION_NAME")
                model = os.environ["EMBEDDING_MODEL"]
                brokers = os.environ["KAFKA_BOOTSTRAP_SERVERS"]
                return url, embedding, collection or "", model + brokers

            async def handle(self, request):
                return ModelHandlerOutput.for_effect(input_envelope_id=request.envelope_id, correlation_id=request.correlation_id, events=())
      `),
    },
    {
      name: "reads silenced by the gates' markers on their line (ONEX_EXCLUDE:, contract-config-ok:, env-read-ok:, fallback-ok)",
      ...IN_PACKAGE,
      code: dedent(`
        import os


        class HandlerVectorUpsert:
            def _urls(self):
                a = os.environ.get(  # ONEX_EXCLUDE: archive port (OMN-14140)
                    "LLM_EMBEDDING_URL", "",
                )
                b = os.environ["ARCHIVE_DSN"]  # contract-config-ok: migration window
                c = os.getenv("DEBUG_DUMP_DIR")  # env-read-ok: local debugging only
                d = os.getenv("RETRIES", "3")  # fallback-ok: documented default
                return a, b, c, d
      `),
    },
    {
      name: 'outside node and handler code: a module of no node package, a plain class (a CLI boundary reads the environment)',
      code: dedent(`
        import os

        from omnibase_infra.runtime import kernel


        class CliSettings:
            def __init__(self):
                self.profile = os.environ.get("RUNTIME_PROFILE", "main")


        def main() -> int:
            return kernel.main(os.getenv("ONEX_CONFIG", "config.yaml"))
      `),
    },
    {
      name: 'a localhost default is ONEX015\'s finding, not this one (declared name)',
      ...IN_PACKAGE,
      code: dedent(`
        import os


        class HandlerVectorUpsert:
            def _url(self):
                return os.environ.get("QDRANT_URL", "http://localhost:6333")
      `),
    },
    {
      name: 'a bridge-era node reading its configuration defensively (ONEX006 territory there), a write, a deletion, `or None`',
      code: dedent(`
        import os

        from omnibase_core.core.node_effect import NodeEffect


        class NodeVectorStoreEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.url = os.getenv("QDRANT_URL", "http://qdrant:6333")
      `),
    },
    {
      name: 'writing and deleting variables is not reading them; `or None` falls back to nothing',
      ...IN_PACKAGE,
      code: dedent(`
        import os


        class HandlerVectorUpsert:
            def _prepare(self):
                os.environ["QDRANT_URL"] = "http://qdrant:6333"
                del os.environ["QDRANT_URL"]
                return os.environ.get("QDRANT_URL") or None
      `),
    },
  ],
  invalid: [
    {
      name: 'undeclared reads and fallbacks through every import form (import os as _os, from os import getenv as env, from os import environ); the fix fails fast on declared reads only',
      ...IN_PACKAGE,
      code: dedent(`
        import os as _os
        from os import environ
        from os import getenv as env

        from omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput


        class HandlerVectorUpsert:
            def __init__(self, container):
                self._container = container

            def _settings(self):
                timeout = float(env("VECTOR_TIMEOUT_S", "30"))
                batch = _os.environ.get("VECTOR_BATCH") or "64"
                token = environ["QDRANT_API_TOKEN"]
                url = _os.environ.get("QDRANT_URL", "")
                embedding = env("EMBEDDING_URL", "http://embed:8100")
                model = (_os.getenv("EMBEDDING_MODEL") or "bge-small").strip()
                return timeout, batch, token, url, embedding, model
      `),
      errors: [
        { line: 13, column: 25, message: 'reads VECTOR_TIMEOUT_S, which contract.yaml does not declare, and falls back to "30" when it is unset' },
        { line: 14, column: 17, message: 'reads VECTOR_BATCH, which contract.yaml does not declare, and falls back to "64"' },
        { line: 15, column: 17, message: 'reads QDRANT_API_TOKEN, which contract.yaml does not declare: today\'s nodes take configuration from the contract; declare QDRANT_API_TOKEN in contract.yaml' },
        { line: 16, column: 15, message: 'falls back to "" when QDRANT_URL is unset' },
        { line: 17, column: 21, message: 'falls back to "http://embed:8100" when EMBEDDING_URL is unset' },
        { line: 18, column: 18, message: 'falls back to "bge-small" when EMBEDDING_MODEL is unset' },
      ],
      output: dedent(`
        import os as _os
        from os import environ
        from os import getenv as env

        from omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput


        class HandlerVectorUpsert:
            def __init__(self, container):
                self._container = container

            def _settings(self):
                timeout = float(env("VECTOR_TIMEOUT_S", "30"))
                batch = _os.environ.get("VECTOR_BATCH") or "64"
                token = environ["QDRANT_API_TOKEN"]
                url = _os.environ["QDRANT_URL"]
                embedding = environ["EMBEDDING_URL"]
                model = (_os.environ["EMBEDDING_MODEL"]).strip()
                return timeout, batch, token, url, embedding, model
      `),
    },
    {
      name: 'module-level reads of a node package module (a reducer\'s thresholds), a dynamic name with a default',
      config: { packageFacts: { ...FACTS, archetype: 'reducer', handlers: [] } },
      fileName: '/proj/src/acme/nodes/node_vector_store_effect/registration_reducer.py',
      code: dedent(`
        import os

        from omnibase_core.nodes.node_reducer import NodeReducer

        PERF_THRESHOLD_REDUCE_MS: float = float(
            os.getenv("ONEX_PERF_THRESHOLD_REDUCE_MS", "300.0")
        )


        def flag(name: str) -> bool:
            return os.environ.get(name, "false").lower() == "true"
      `),
      errors: [
        { line: 6, column: 5, message: 'reads ONEX_PERF_THRESHOLD_REDUCE_MS, which contract.yaml does not declare, and falls back to "300.0"' },
        { line: 11, column: 12, message: 'falls back to "false" when the variable named by name is unset' },
      ],
    },
    {
      name: 'a handler class outside any package the CLI found (no contract): reads inside it are still reported',
      fileName: '/proj/src/acme/handlers/handler_archive.py',
      code: dedent(`
        import os

        from omnibase_infra.enums import EnumHandlerType


        class HandlerArchive:
            async def handle(self, request):
                bucket = os.environ.get("ARCHIVE_BUCKET", "archive")
                return bucket
      `),
      errors: [
        { line: 8, column: 18, message: 'reads ARCHIVE_BUCKET, which the node\'s contract.yaml does not declare, and falls back to "archive"' },
      ],
    },
  ],
};
