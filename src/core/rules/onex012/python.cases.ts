// ONEX012 declarative-node: logic in a node.py node class (DECL-001…005), scoped as infra's declarative gate.
import type { PackageFacts } from '../../packageFacts';
import { type RuleTable, dedent, TODAY_PROJECT } from '../cases';

const FACTS: PackageFacts = {
  contract: '/proj/src/acme/nodes/node_ledger_write_effect/contract.yaml',
  archetype: 'effect',
  nodeType: 'EFFECT_GENERIC',
  handlers: [{ name: 'HandlerLedgerAppend', module: 'acme.nodes.node_ledger_write_effect.handlers.handler_ledger_append' }],
  declaredEnvironment: [],
  configKeys: [],
};

const DECLARATIVE = dedent(`
  # SPDX-FileCopyrightText: 2025 OmniNode.ai Inc.
  # SPDX-License-Identifier: MIT
  """NodeLedgerWriteEffect - declarative effect node for the ledger."""

  from __future__ import annotations

  from typing import TYPE_CHECKING

  from omnibase_core.nodes.node_effect import NodeEffect

  if TYPE_CHECKING:
      from omnibase_core.models.container.model_onex_container import ModelONEXContainer

  __all__ = ["NodeLedgerWriteEffect"]


  class NodeLedgerWriteEffect(NodeEffect):
      """Declarative effect node: behaviour lives in contract.yaml and HandlerLedgerAppend."""

      def __init__(self, container: ModelONEXContainer) -> None:
          """Initialise with the container."""
          super().__init__(container)
`);

// A node.py of the kind today's gate rejects: the bridge era's hand-written patterns on today's base.
const IMPERATIVE = dedent(`
  """NodeLedgerWriteEffect - ledger writer with its own lifecycle (pre-declarative)."""

  from __future__ import annotations

  import asyncio
  import logging
  from functools import cached_property

  from omnibase_core.models.container.model_onex_container import ModelONEXContainer
  from omnibase_core.nodes.node_effect import NodeEffect
  from omnibase_infra.errors import InfraConnectionError

  logger = logging.getLogger(__name__)


  class NodeLedgerWriteEffect(NodeEffect):
      """Writes ledger entries."""

      MAX_BATCH = 500
      retry_delays: tuple[float, ...] = (0.5, 1.0, 2.0)
      pool_size: int

      def __init__(self, container: ModelONEXContainer) -> None:
          super().__init__(container)
          self._pool = None
          self._lock = asyncio.Lock()
          self.written, self.failed = 0, 0

      @property
      def healthy(self) -> bool:
          return self._pool is not None

      @cached_property
      def table_name(self) -> str:
          return "ledger_entries"

      async def startup(self) -> None:
          async with self._lock:
              if self._pool is None:
                  self._pool = await self.container.get_service_async(ProtocolPostgresPool)

      async def shutdown(self) -> None:
          if self._pool is not None:
              await self._pool.close()

      async def process(self, input_data):
          try:
              await self._pool.execute("INSERT INTO ledger_entries VALUES ($1)", input_data.payload)
          except OSError as e:
              raise InfraConnectionError("ledger write failed") from e
          self.written += 1
          return input_data

      def _batch(self, rows):
          return [rows[i : i + self.MAX_BATCH] for i in range(0, len(rows), self.MAX_BATCH)]
`);

export const ONEX012_PYTHON_CASES: RuleTable = {
  // Today's era's own rule: the cases are files of a project on today's framework.
  config: TODAY_PROJECT,
  valid: [
    { name: "today's canonical node.py: docstring, TYPE_CHECKING import, __init__ calling super().__init__(container)", code: DECLARATIVE },
    {
      name: 'no __init__ at all, a docstring, bare annotations and pass (36 of 110 real nodes omit __init__)',
      code: dedent(`
        from omnibase_core.nodes.node_reducer import NodeReducer
        from omnibase_infra.nodes.node_registration_reducer.models import ModelRegistrationState


        class NodeRegistrationReducer(NodeReducer["ModelRegistrationState", "ModelRegistrationState"]):
            """Declarative reducer: the FSM lives in contract.yaml."""

            state_model: type[ModelRegistrationState]
            pass
      `),
    },
    {
      name: 'exempted: # ONEX_EXCLUDE: declarative_node within three lines above the class (two decorators between)',
      code: dedent(`
        from omnibase_core.nodes.node_orchestrator import NodeOrchestrator
        from omnibase_infra.utils import register_node, traced

        # ONEX_EXCLUDE: declarative_node - legacy orchestrator with embedded routing (OMN-4410)
        @register_node
        @traced
        class NodeLegacyRoutingOrchestrator(NodeOrchestrator):
            ROUTES = {"a": "b"}

            async def process(self, input_data):
                return await self.route(input_data)
      `),
    },
    {
      name: 'not node.py: a handler module full of methods and state is where logic belongs',
      fileName: '/proj/src/acme/nodes/node_ledger_write_effect/handlers/handler_ledger_append.py',
      code: IMPERATIVE,
    },
    {
      name: 'a node.py under tests/ (the gate excludes **/tests/**)',
      fileName: '/proj/tests/unit/nodes/node_ledger_write_effect/node.py',
      config: { projectRoot: '/proj' },
      code: IMPERATIVE,
    },
    {
      name: 'a bridge-era node.py (imports omnibase_core.core): the spec asks for these patterns there',
      code: IMPERATIVE.replace('from omnibase_infra.errors import InfraConnectionError', 'from omnibase_core.core.errors.onex_error import OnexError as InfraConnectionError'),
    },
    {
      name: 'as the gate: only direct bases as written count (a base reached through an alias or a local base is not judged)',
      code: dedent(`
        from omnibase_core.nodes.node_compute import NodeCompute as ComputeBase
        from omnibase_infra.enums import EnumHandlerType


        class _Base(ComputeBase):
            def helper(self):
                return EnumHandlerType.COMPUTE_HANDLER


        class NodeScoreCompute(_Base):
            def score(self, x):
                return x * 2
      `),
    },
    {
      name: 'a class with no node base in node.py (e.g. a ModelServiceEffect composition: the gate reports DECL-007, a warning this rule leaves aside)',
      code: dedent(`
        from omnibase_core.nodes.node_service_effect import ModelServiceEffect


        class NodeLegacyServiceEffect(ModelServiceEffect):
            async def startup(self):
                await self.start_service_mode()
      `),
    },
  ],
  invalid: [
    {
      name: 'every violation of an imperative effect node, each on what shows it, in the gate order (class variables, then methods)',
      config: { packageFacts: FACTS },
      fileName: '/proj/src/acme/nodes/node_ledger_write_effect/node.py',
      code: IMPERATIVE,
      errors: [
        { line: 19, column: 5, message: 'has class variable MAX_BATCH (DECL-005)' },
        { line: 20, column: 5, message: 'has class variable retry_delays (DECL-005): configuration belongs in contract.yaml' },
        { line: 23, column: 9, message: '__init__ does more than super().__init__(container) (DECL-003)' },
        { line: 25, column: 9, message: 'stores self._pool (DECL-004)' },
        { line: 26, column: 9, message: 'stores self._lock (DECL-004)' },
        { line: 27, column: 9, message: 'stores self.written (DECL-004)' },
        { line: 27, column: 23, message: 'stores self.failed (DECL-004)' },
        { line: 30, column: 9, message: 'defines property healthy (DECL-002)' },
        { line: 34, column: 9, message: 'defines property table_name (DECL-002)' },
        { line: 37, column: 15, message: 'the runtime owns lifecycle; do this work in the handler the contract binds: HandlerLedgerAppend (acme.nodes.node_ledger_write_effect.handlers.handler_ledger_append)' },
        { line: 42, column: 15, message: 'NodeLedgerWriteEffect.shutdown() (DECL-001)' },
        { line: 46, column: 15, message: "the runtime never calls a node's process(); it dispatches to the handler the contract binds: HandlerLedgerAppend" },
        { line: 54, column: 9, message: 'defines method _batch() (DECL-001)' },
      ],
    },
    {
      name: 'an __init__ that only sets state after super() (DECL-003 and DECL-004); without package facts the message says to write a handler',
      code: dedent(`
        from omnibase_core.models.container.model_onex_container import ModelONEXContainer
        from omnibase_core.nodes import NodeCompute


        class NodeCheckpointValidateCompute(NodeCompute):
            def __init__(self, container: ModelONEXContainer) -> None:
                super().__init__(container)
                self.rules: list[str] = []
      `),
      errors: [
        { line: 6, column: 9, message: 'a handler class (handlers/handler_<name>.py with a def-B handle(request)) that contract.yaml binds' },
        { line: 8, column: 9, message: 'stores self.rules (DECL-004)' },
      ],
    },
    {
      name: 'super() calls the gate does not accept: super(Node, self), a keyword, another argument name',
      code: dedent(`
        from omnibase_core import nodes


        class NodeAEffect(nodes.NodeEffect):
            def __init__(self, container):
                super(NodeAEffect, self).__init__(container)


        class NodeBEffect(nodes.NodeEffect):
            def __init__(self, container):
                super().__init__(container=container)


        class NodeCEffect(nodes.NodeEffect):
            def __init__(self, ctr):
                super().__init__(ctr)
      `),
      errors: [
        { line: 5, column: 9, message: 'NodeAEffect.__init__ does more than' },
        { line: 10, column: 9, message: 'NodeBEffect.__init__' },
        { line: 15, column: 9, message: 'NodeCEffect.__init__' },
      ],
    },
    {
      name: 'an exemption comment four lines above is out of the window; a generic reducer with a method; a node class nested in a function',
      code: dedent(`
        from omnibase_core.nodes.node_reducer import NodeReducer

        # ONEX_EXCLUDE: declarative_node

        # (the window is the class line and the three lines above it)

        class NodeTallyReducer(NodeReducer["ModelTallyState", "ModelTallyState"]):
            def reduce(self, state, event):
                return state


        def make_node():
            class NodeInnerReducer(NodeReducer):
                limit = 3

            return NodeInnerReducer
      `),
      errors: [
        { line: 8, column: 9, message: 'NodeTallyReducer defines method reduce() (DECL-001)' },
        { line: 14, column: 9, message: 'NodeInnerReducer has class variable limit (DECL-005)' },
      ],
    },
  ],
};
