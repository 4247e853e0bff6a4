// The texts of the verified EFFECT node package (current-era.md §2.4) that fixturePackage.ts writes: plain
// strings, importable anywhere (the integration suite bundles them into the extension host's tests).

export const PACKAGE = 'omnimarket';
export const NODE = 'node_specdemo_write_effect';
const N = `${PACKAGE}.nodes.${NODE}`;

export const CONTRACT = `# SPDX-FileCopyrightText: 2025 OmniNode.ai Inc.
# SPDX-License-Identifier: MIT
name: "node_specdemo_write_effect"
node_type: "EFFECT_GENERIC"
contract_version: {major: 1, minor: 0, patch: 0}
node_version: "1.0.0"
description: "Minimal effect node used to verify the ONEX contract loaders."
input_model:
  name: "ModelSpecdemoWriteCommand"
  module: "${N}.models.model_specdemo_write_command"
  description: "Typed request."
output_model:
  name: "ModelSpecdemoWritten"
  module: "${N}.models.model_specdemo_written"
  description: "Typed result."
event_bus:
  subscribe_topics:
    - "onex.cmd.omnimarket.specdemo-write.v1"
  publish_topics:
    - "onex.evt.omnimarket.specdemo-written.v1"
handler_routing:
  routing_strategy: "operation_match"
  handlers:
    - operation: "specdemo.write"
      topic: "onex.cmd.omnimarket.specdemo-write.v1"
      message_category: "command"
      event_model:
        name: "ModelSpecdemoWriteCommand"
        module: "${N}.models.model_specdemo_write_command"
      handler:
        name: "HandlerSpecdemoWrite"
        module: "${N}.handlers.handler_specdemo_write_effect"
published_events:
  - topic: "onex.evt.omnimarket.specdemo-written.v1"
    event_type: "SpecdemoWritten"
    description: "Emitted by HandlerSpecdemoWrite."
descriptor:
  node_archetype: "effect"
  purity: "impure"
  idempotent: false
  timeout_ms: 30000
  runtime_profiles: ["effects"]
metadata:
  description: "Minimal effect node (spec verification fixture)."
  author: "OmniNode Team"
`;

export const NODE_PY = `"""NodeSpecdemoWriteEffect - declarative effect node."""

from __future__ import annotations

from typing import TYPE_CHECKING

from omnibase_core.nodes.node_effect import NodeEffect

if TYPE_CHECKING:
    from omnibase_core.models.container.model_onex_container import ModelONEXContainer


class NodeSpecdemoWriteEffect(NodeEffect):
    """Declarative effect node: behaviour is in contract.yaml and the handler."""

    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)
`;

export const COMMAND_PY = `from uuid import UUID

from pydantic import BaseModel, ConfigDict


class ModelSpecdemoWriteCommand(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    correlation_id: UUID
    key: str
`;

export const WRITTEN_PY = `from uuid import UUID

from pydantic import BaseModel, ConfigDict


class ModelSpecdemoWritten(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    correlation_id: UUID
    key: str
`;

export const HANDLER_PY = `"""HandlerSpecdemoWrite - def-B handler for NodeSpecdemoWriteEffect."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import uuid4

from omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput
from ${N}.models.model_specdemo_write_command import ModelSpecdemoWriteCommand
from ${N}.models.model_specdemo_written import ModelSpecdemoWritten

if TYPE_CHECKING:
    from omnibase_core.models.container.model_onex_container import ModelONEXContainer


class HandlerSpecdemoWrite:
    def __init__(self, container: ModelONEXContainer) -> None:
        self._container = container

    async def handle(self, request: ModelSpecdemoWriteCommand) -> ModelHandlerOutput[None]:
        event = ModelSpecdemoWritten(correlation_id=request.correlation_id, key=request.key)
        return ModelHandlerOutput.for_effect(
            input_envelope_id=uuid4(),
            correlation_id=request.correlation_id,
            handler_id="HandlerSpecdemoWrite",
            events=(event,),
        )
`;

export interface PackageFiles {
  contract?: string;
  handler?: string;
  nodePy?: string;
}

/** Where the package's contract is, relative to the folder it is written in. */
export const CONTRACT_PATH = `${PACKAGE}/nodes/${NODE}/contract.yaml`;
/** Where its handler is. */
export const HANDLER_PATH = `${PACKAGE}/nodes/${NODE}/handlers/handler_specdemo_write_effect.py`;

/** The package's files (paths relative to the folder it is written in, with forward slashes) and their texts. */
export function packageFiles(files: PackageFiles = {}): Record<string, string> {
  const node = `${PACKAGE}/nodes/${NODE}`;
  return {
    [`${PACKAGE}/__init__.py`]: '',
    [`${PACKAGE}/nodes/__init__.py`]: '',
    [`${node}/__init__.py`]: '',
    [`${node}/node.py`]: files.nodePy ?? NODE_PY,
    [`${node}/models/__init__.py`]: '',
    [`${node}/models/model_specdemo_write_command.py`]: COMMAND_PY,
    [`${node}/models/model_specdemo_written.py`]: WRITTEN_PY,
    [`${node}/handlers/__init__.py`]: '',
    [HANDLER_PATH]: files.handler ?? HANDLER_PY,
    [CONTRACT_PATH]: files.contract ?? CONTRACT,
  };
}

/** `text` with `from` replaced by `to`, failing loudly when `from` is not there (a stale table row). */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture edit: ${JSON.stringify(from)} not found`);
  return text.replace(from, to);
}
