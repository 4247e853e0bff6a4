// ONEX013 consul-reference: the consul library, CONSUL_HOST, consul.connect.io in today's code.
import { type RuleTable, dedent, TODAY_PROJECT } from '../cases';

const HANDLER = 'src/acme/nodes/node_registry_effect/handlers/handler_registry_sync.py';

export const ONEX013_PYTHON_CASES: RuleTable = {
  // Today's era's own rule: the cases are files of a project on today's framework.
  config: TODAY_PROJECT,
  valid: [
    {
      name: "a today's handler that registers nothing (discovery is the onex.nodes entry point)",
      fileName: HANDLER,
      code: dedent(`
        from omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput
        from omnibase_infra.enums import EnumHandlerType


        class HandlerRegistrySync:
            """Syncs the node registry projection; registration is the runtime's (introspection events)."""

            def __init__(self, container):
                self._container = container

            async def handle(self, request):
                consul_like = request.registry_kind  # a word, not the Consul client
                return ModelHandlerOutput.for_effect(input_envelope_id=request.envelope_id, correlation_id=request.correlation_id, events=())
      `),
    },
    {
      name: 'a bridge-era node with Consul registration (ONEX002 asks for it there)',
      code: dedent(`
        import consul
        from omnibase_core.core.node_effect import NodeEffect


        class NodeRegistryEffect(NodeEffect):
            def __init__(self, container):
                super().__init__(container)
                self.consul = consul.Consul(host=os.environ["CONSUL_HOST"])
      `),
    },
    {
      name: 'a test file may mention Consul (the hook excludes tests/)',
      fileName: 'tests/unit/test_no_consul.py',
      code: dedent(`
        from omnibase_infra.runtime import kernel


        def test_kernel_has_no_consul():
            assert "CONSUL_HOST" not in kernel.__dict__
      `),
    },
    {
      name: 'a module named like consul but not the library (consul_compat is not consul.*), and lower-case consul_host',
      code: dedent(`
        from omnibase_infra.legacy import consul_compat
        from acme.settings import consul_host_label
      `),
    },
  ],
  invalid: [
    {
      name: 'imports of the consul library in every form, nested and aliased',
      fileName: HANDLER,
      code: dedent(`
        import consul
        import consul.aio as consul_aio
        from consul import Consul
        from omnibase_infra.errors import InfraConnectionError


        class HandlerRegistrySync:
            def _client(self):
                from consul.base import Check

                return Consul(), Check
      `),
      errors: [
        { line: 1, column: 8, endColumn: 14, message: 'imports consul, the Consul client (python-consul)' },
        { line: 2, column: 8, endColumn: 18, message: 'imports consul.aio' },
        { line: 3, column: 6, message: 'imports consul' },
        { line: 9, column: 14, message: 'imports consul.base' },
      ],
    },
    {
      name: 'CONSUL_HOST and consul.connect.io in a name, an env read, a URL and a comment (what the pre-commit pygrep sees)',
      code: dedent(`
        import os

        from omnibase_infra.enums import EnumInfraTransportType

        DEFAULT_CONSUL_HOST = "consul.service"
        # Connect sidecars used to resolve through consul.connect.io; see OMN-4857
        SIDECAR = "https://consul.connect.io/v1/agent"


        def discovery_host() -> str:
            return os.environ["CONSUL_HOST"]
      `),
      errors: [
        { line: 5, column: 1, message: 'the name CONSUL_HOST: Consul is decommissioned' },
        { line: 6, column: 1, message: 'a comment names consul.connect.io' },
        { line: 7, column: 12, message: 'a string names consul.connect.io' },
        { line: 11, column: 24, message: 'a string names CONSUL_HOST' },
      ],
    },
  ],
};
