// A node package in today's form for the contract benchmark (bench/contract.mjs): a contract.yaml of about
// `lines` lines in the infra dialect (the shape of current-era.md §2.4's verified effect node, with one
// handler_routing entry, subscribe topic, command model, handler and published event per operation), and
// the Python files it names: node.py, a command and an event model per operation, a def-B handler per
// operation returning its event. Deterministic: the same `lines` always gives the same files.
import { NOUNS, VERBS } from './vocab.mjs';

const PACKAGE = 'omnimarket';
const NODE = 'node_bench_ledger_effect';
const MODULE = `${PACKAGE}.nodes.${NODE}`;

const pascal = (words) => words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');

function operations(count) {
  const out = [];
  for (let i = 0; out.length < count; i++) {
    const verb = VERBS[i % VERBS.length];
    const noun = NOUNS[Math.floor(i / VERBS.length) % NOUNS.length];
    const words = [verb, noun];
    out.push({
      snake: words.join('_'), kebab: words.join('-'), pascal: pascal(words),
      done: `${pascal(words)}Done`, doneKebab: `${words.join('-')}-done`,
    });
  }
  return out;
}

function contractText(ops) {
  const L = [
    '# SPDX-FileCopyrightText: 2025 OmniNode.ai Inc.',
    '# SPDX-License-Identifier: MIT',
    `name: "${NODE}"`,
    'node_type: "EFFECT_GENERIC"',
    'contract_version: {major: 1, minor: 0, patch: 0}',
    'node_version: "1.0.0"',
    'description: "Ledger effect node of the contract benchmark: one handler per operation."',
    'input_model:',
    `  name: "Model${ops[0].pascal}Command"`,
    `  module: "${MODULE}.models.model_${ops[0].snake}_command"`,
    '  description: "Typed request of the first operation."',
    'output_model:',
    `  name: "Model${ops[0].done}"`,
    `  module: "${MODULE}.models.model_${ops[0].snake}_done"`,
    '  description: "Typed result of the first operation."',
    'event_bus:',
    '  subscribe_topics:',
    ...ops.map((o) => `    - "onex.cmd.${PACKAGE}.${o.kebab}.v1"`),
    '  publish_topics:',
    ...ops.map((o) => `    - "onex.evt.${PACKAGE}.${o.doneKebab}.v1"`),
    'handler_routing:',
    '  routing_strategy: "operation_match"',
    '  handlers:',
  ];
  for (const o of ops) {
    L.push(
      `    - operation: "ledger.${o.snake}"`,
      `      topic: "onex.cmd.${PACKAGE}.${o.kebab}.v1"`,
      '      message_category: "command"',
      '      event_model:',
      `        name: "Model${o.pascal}Command"`,
      `        module: "${MODULE}.models.model_${o.snake}_command"`,
      '      handler:',
      `        name: "Handler${o.pascal}"`,
      `        module: "${MODULE}.handlers.handler_${o.snake}"`,
    );
  }
  L.push('published_events:');
  for (const o of ops) {
    L.push(`  - topic: "onex.evt.${PACKAGE}.${o.doneKebab}.v1"`, `    event_type: "${o.done}"`, `    description: "Emitted by Handler${o.pascal}."`);
  }
  L.push(
    'descriptor:',
    '  node_archetype: "effect"',
    '  purity: "impure"',
    '  idempotent: false',
    '  timeout_ms: 30000',
    '  runtime_profiles: ["effects"]',
    'metadata:',
    '  description: "Contract benchmark node."',
    '  author: "OmniNode Team"',
  );
  return L.join('\n') + '\n';
}

const model = (name) => `from uuid import UUID

from pydantic import BaseModel, ConfigDict


class ${name}(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    correlation_id: UUID
    key: str
`;

const handler = (o) => `"""Handler${o.pascal} - def-B handler of ${NODE}."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import uuid4

from omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput
from ${MODULE}.models.model_${o.snake}_command import Model${o.pascal}Command
from ${MODULE}.models.model_${o.snake}_done import Model${o.done}

if TYPE_CHECKING:
    from omnibase_core.models.container.model_onex_container import ModelONEXContainer


class Handler${o.pascal}:
    def __init__(self, container: ModelONEXContainer) -> None:
        self._container = container

    async def handle(self, request: Model${o.pascal}Command) -> ModelHandlerOutput[None]:
        event = Model${o.done}(correlation_id=request.correlation_id, key=request.key)
        return ModelHandlerOutput.for_effect(
            input_envelope_id=uuid4(),
            correlation_id=request.correlation_id,
            handler_id="Handler${o.pascal}",
            events=(event,),
        )
`;

const NODE_PY = `"""NodeBenchLedgerEffect - declarative effect node."""

from __future__ import annotations

from typing import TYPE_CHECKING

from omnibase_core.nodes.node_effect import NodeEffect

if TYPE_CHECKING:
    from omnibase_core.models.container.model_onex_container import ModelONEXContainer


class NodeBenchLedgerEffect(NodeEffect):
    """Declarative effect node: behaviour is in contract.yaml and the handlers."""

    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)
`;

/**
 * The package's files (paths relative to the folder it goes in) with the contract closest to `lines` lines
 * from above, and where the contract is.
 */
export function generateContractPackage(lines = 300) {
  let count = 1;
  while (contractText(operations(count)).split('\n').length - 1 < lines) count++;
  const ops = operations(count);
  const node = `${PACKAGE}/nodes/${NODE}`;
  const files = {
    [`${PACKAGE}/__init__.py`]: '',
    [`${PACKAGE}/nodes/__init__.py`]: '',
    [`${node}/__init__.py`]: '',
    [`${node}/node.py`]: NODE_PY,
    [`${node}/models/__init__.py`]: '',
    [`${node}/handlers/__init__.py`]: '',
    [`${node}/contract.yaml`]: contractText(ops),
  };
  for (const o of ops) {
    files[`${node}/models/model_${o.snake}_command.py`] = model(`Model${o.pascal}Command`);
    files[`${node}/models/model_${o.snake}_done.py`] = model(`Model${o.done}`);
    files[`${node}/handlers/handler_${o.snake}.py`] = handler(o);
  }
  return { files, contract: `${node}/contract.yaml`, operations: count };
}
