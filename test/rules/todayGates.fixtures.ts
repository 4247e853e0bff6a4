// A project of node packages in the shape of omnibase_infra's and omnibase_core's (written fresh, not
// copied): declarative and imperative node.py files, def-B and non-canonical handlers, effect, compute,
// reducer and orchestrator packages with and without I/O, environment reads declared and not, the
// framework's exemption comments. test/rules/todayGates.test.ts runs the framework's own gates over it and
// compares their verdicts with today's rules (ONEX012-ONEX019), file by file.

const SPDX = '# SPDX-FileCopyrightText: 2025 Acme Inc.\n# SPDX-License-Identifier: MIT\n';

function contract(name: string, nodeType: string, extra: string): string {
  return `${SPDX}name: "${name}"
node_type: "${nodeType}"
contract_version: {major: 1, minor: 0, patch: 0}
node_version: "1.0.0"
description: "Fixture node ${name}."
input_model: {name: "ModelFixtureInput", module: "acme_nodes.nodes.${name}.models.model_fixture_input"}
output_model: {name: "ModelFixtureOutput", module: "acme_nodes.nodes.${name}.models.model_fixture_input"}
${extra}`;
}

function routing(name: string, handler: string, module: string, operation = 'fixture.run'): string {
  return `handler_routing:
  routing_strategy: "operation_match"
  handlers:
    - operation: "${operation}"
      handler: {name: "${handler}", module: "acme_nodes.nodes.${name}.${module}"}
`;
}

function declarativeNode(cls: string, base: string): string {
  return `${SPDX}"""${cls} - declarative node."""

from __future__ import annotations

from typing import TYPE_CHECKING

from omnibase_core.nodes.node_${base.replace('Node', '').toLowerCase()} import ${base}

if TYPE_CHECKING:
    from omnibase_core.models.container.model_onex_container import ModelONEXContainer


class ${cls}(${base}):
    """Declarative: behaviour lives in contract.yaml and its handlers."""

    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)
`;
}

const MODEL = `${SPDX}from uuid import UUID

from pydantic import BaseModel, ConfigDict


class ModelFixtureInput(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", from_attributes=True)

    correlation_id: UUID
    payload: str = ""
`;

const LEDGER = 'node_ledger_write_effect';
const DRIFT = 'node_drift_score_compute';
const TALLY = 'node_tally_reducer';
const ROUTE = 'node_route_orchestrator';
const LEGACY = 'node_legacy_sync_effect';
const CLEAN = 'node_clean_compute';
const ENVELOPE = 'node_envelope_effect';

/** Files of the fixture project, by path relative to its folder. */
export const TODAY_GATE_FIXTURES: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "acme-nodes"\nversion = "0.1.0"\ndependencies = ["omnibase-core==0.46.8", "omnibase-infra==0.38.6"]\n',
  'src/acme_nodes/__init__.py': SPDX,
  'src/acme_nodes/nodes/__init__.py': SPDX,

  // An effect whose node.py carries the bridge era's hand-written patterns, and whose handler does I/O at
  // construction, reads the environment and takes naive timestamps.
  [`src/acme_nodes/nodes/${LEDGER}/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${LEDGER}/contract.yaml`]: contract(LEDGER, 'EFFECT_GENERIC', `${routing(LEDGER, 'HandlerLedgerAppend', 'handlers.handler_ledger_append', 'ledger.append')}dependencies:
  - {name: ledger_dsn, type: environment, env_var: LEDGER_DSN, required: true}
descriptor: {node_archetype: "effect", purity: "impure", idempotent: false, timeout_ms: 30000, runtime_profiles: ["effects"]}
`),
  [`src/acme_nodes/nodes/${LEDGER}/node.py`]: `${SPDX}"""NodeLedgerWriteEffect - writes ledger entries (pre-declarative)."""

from __future__ import annotations

import asyncio
from functools import cached_property

from omnibase_core.models.container.model_onex_container import ModelONEXContainer
from omnibase_core.nodes.node_effect import NodeEffect


class NodeLedgerWriteEffect(NodeEffect):
    """Writes ledger entries."""

    MAX_BATCH = 500
    retry_delays: tuple[float, ...] = (0.5, 1.0)
    pool_size: int

    def __init__(self, container: ModelONEXContainer) -> None:
        super().__init__(container)
        self._lock = asyncio.Lock()
        self.written, self.failed = 0, 0

    @property
    def healthy(self) -> bool:
        return self.written >= self.failed

    @cached_property
    def table(self) -> str:
        return "ledger"

    async def startup(self) -> None:
        await asyncio.sleep(0)

    def process(self, input_data: object) -> object:
        return input_data
`,
  [`src/acme_nodes/nodes/${LEDGER}/handlers/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${LEDGER}/handlers/handler_ledger_append.py`]: `${SPDX}"""HandlerLedgerAppend - appends ledger entries."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from datetime import datetime

from omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput

from acme_nodes.nodes.${LEDGER}.models.model_fixture_input import ModelFixtureInput


class HandlerLedgerAppend:
    def __init__(self, container: object) -> None:
        self._container = container
        self._db = sqlite3.connect(os.environ["LEDGER_DSN"])
        self._table = os.getenv("LEDGER_TABLE", "ledger")
        self._lock = asyncio.Lock()

    async def handle(self, request: ModelFixtureInput) -> ModelHandlerOutput[None]:
        stamp = datetime.utcnow()
        brokers = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
        archive = os.environ.get("LEDGER_ARCHIVE_URL")
        self._db.execute("INSERT INTO ledger VALUES (?, ?, ?)", (str(stamp), brokers, archive))
        return ModelHandlerOutput.for_effect(input_envelope_id=request.correlation_id, correlation_id=request.correlation_id, events=())
`,
  [`src/acme_nodes/nodes/${LEDGER}/models/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${LEDGER}/models/model_fixture_input.py`]: MODEL,
  [`src/acme_nodes/nodes/${LEDGER}/models/model_ledger_settings.py`]: `${SPDX}import os
from datetime import datetime

from pydantic import BaseModel, Field


class ModelLedgerSettings(BaseModel):
    archive_url: str = "http://localhost:9200/ledger"
    mirror_url: str = Field(default="http://127.0.0.1:9201")
    created_at: datetime = Field(default_factory=datetime.utcnow)
    lan_mirror: str = os.environ.get(
        "LEDGER_LAN_MIRROR", "192.168.86.201"
    )
`,

  // A compute package in core's layout: its handler module sits beside the contract, where core's
  // archetype-purity check scans it.
  [`src/acme_nodes/nodes/${DRIFT}/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${DRIFT}/contract.yaml`]: contract(DRIFT, 'COMPUTE_GENERIC', `${routing(DRIFT, 'HandlerDriftScore', 'handler', 'drift.score')}descriptor: {node_archetype: "compute", purity: "pure", idempotent: true, timeout_ms: 30000, runtime_profiles: ["main"]}
`),
  [`src/acme_nodes/nodes/${DRIFT}/node.py`]: declarativeNode('NodeDriftScoreCompute', 'NodeCompute'),
  [`src/acme_nodes/nodes/${DRIFT}/handler.py`]: `${SPDX}"""HandlerDriftScore - scores drift, with I/O a compute node must not have."""

from __future__ import annotations

import json
import os as _os
import shutil
import subprocess
from pathlib import Path

import httpx  # io-ok: typing of the injected client only
from pydantic import TypeAdapter

from acme_nodes.nodes.${DRIFT}.models.model_fixture_input import ModelFixtureInput


class HandlerDriftScore:
    def __init__(self, container: object) -> None:
        self._container = container
        self._client: httpx.Client | None = None

    def handle(self, request: ModelFixtureInput) -> dict[str, str]:
        rev = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, check=False).stdout
        out = Path("/tmp") / str(request.correlation_id)
        out.mkdir(parents=True, exist_ok=True)
        with open(out / "drift.json", "w", encoding="utf-8") as f:
            json.dump({"rev": rev.decode()}, f)
        shutil.rmtree(out / "scratch", ignore_errors=True)
        _os.remove(out / "stale.json")
        scores = TypeAdapter(list[float]).validate_python([1.0])
        return {"score": str(sum(scores))}
`,
  [`src/acme_nodes/nodes/${DRIFT}/models/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${DRIFT}/models/model_fixture_input.py`]: MODEL,

  // A reducer in core's dialect (node_type: reducer) with an exempted imperative node, module-level
  // environment thresholds beside its contract, and an envelope-taking handler.
  [`src/acme_nodes/nodes/${TALLY}/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${TALLY}/contract.yaml`]: contract(TALLY, 'reducer', routing(TALLY, 'HandlerTally', 'handlers.handler_tally', 'tally.apply')),
  [`src/acme_nodes/nodes/${TALLY}/node.py`]: `${SPDX}from omnibase_core.nodes.node_reducer import NodeReducer


# ONEX_EXCLUDE: declarative_node - FSM driven by hand until OMN-0000
class NodeTallyReducer(NodeReducer["ModelFixtureInput", "ModelFixtureInput"]):
    WINDOW = 10

    def reduce(self, state: object, event: object) -> object:
        return state
`,
  [`src/acme_nodes/nodes/${TALLY}/reducer.py`]: `${SPDX}"""Tally thresholds and the clock the reducer reads."""

from __future__ import annotations

import os
from datetime import datetime

TALLY_THRESHOLD_MS: float = float(os.getenv("TALLY_THRESHOLD_MS", "300.0"))
TALLY_MODE = os.environ.get("TALLY_MODE") or "strict"
TALLY_WINDOW = os.environ["TALLY_WINDOW"]


class Clock:
    def utcnow(self) -> datetime:
        return datetime.now()


def stamp(clock: Clock) -> datetime:
    return clock.utcnow()
`,
  [`src/acme_nodes/nodes/${TALLY}/handlers/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${TALLY}/handlers/handler_tally.py`]: `${SPDX}from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from omnibase_core.models.events.model_event_envelope import ModelEventEnvelope


class HandlerTally:
    def __init__(self, container: object) -> None:
        self._container = container

    async def handle(self, envelope: object) -> None:
        _typed: ModelEventEnvelope[object] | None = None
        return None
`,
  [`src/acme_nodes/nodes/${TALLY}/models/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${TALLY}/models/model_fixture_input.py`]: MODEL,

  // An orchestrator whose handler has only an operation, and a dispatcher that still speaks Consul and git.
  [`src/acme_nodes/nodes/${ROUTE}/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${ROUTE}/contract.yaml`]: contract(ROUTE, 'ORCHESTRATOR_GENERIC', `${routing(ROUTE, 'HandlerRoute', 'handlers.handler_route', 'route.plan')}descriptor: {node_archetype: "orchestrator", purity: "impure", idempotent: false, timeout_ms: 30000, runtime_profiles: ["main"]}
`),
  [`src/acme_nodes/nodes/${ROUTE}/node.py`]: declarativeNode('NodeRouteOrchestrator', 'NodeOrchestrator'),
  [`src/acme_nodes/nodes/${ROUTE}/dispatcher.py`]: `${SPDX}"""Legacy dispatcher: resolves targets through Consul (pre OMN-4857)."""

import os
import subprocess

import consul

# Sidecars used to resolve through consul.connect.io
CONSUL_HOST = os.environ["CONSUL_HOST"]


def revision() -> str:
    return subprocess.check_output(["git", "rev-parse", "HEAD"], text=True)


def targets() -> list[str]:
    return [s["Address"] for s in consul.Consul(host=CONSUL_HOST).agent.services().values()]
`,
  [`src/acme_nodes/nodes/${ROUTE}/handlers/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${ROUTE}/handlers/handler_route.py`]: `${SPDX}from acme_nodes.nodes.${ROUTE}.models.model_fixture_input import ModelFixtureInput


class HandlerRoute:
    def __init__(self, container: object) -> None:
        self._container = container

    async def execute(self, request: ModelFixtureInput) -> list[str]:
        return [request.payload]
`,
  [`src/acme_nodes/nodes/${ROUTE}/models/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${ROUTE}/models/model_fixture_input.py`]: MODEL,

  // An effect in infra's dialect without a descriptor, with I/O beside its contract, and an empty handler.
  [`src/acme_nodes/nodes/${LEGACY}/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${LEGACY}/contract.yaml`]: contract(LEGACY, 'EFFECT_GENERIC', routing(LEGACY, 'HandlerLegacySync', 'handlers.handler_legacy_sync', 'legacy.sync')),
  [`src/acme_nodes/nodes/${LEGACY}/node.py`]: declarativeNode('NodeLegacySyncEffect', 'NodeEffect'),
  [`src/acme_nodes/nodes/${LEGACY}/sync.py`]: `${SPDX}import requests


def pull(url: str) -> bytes:
    return requests.get(url, timeout=5).content
`,
  [`src/acme_nodes/nodes/${LEGACY}/handlers/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${LEGACY}/handlers/handler_legacy_sync.py`]: `${SPDX}class HandlerLegacySync:
    """Placeholder: the sync moved to sync.py."""
`,
  [`src/acme_nodes/nodes/${LEGACY}/models/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${LEGACY}/models/model_fixture_input.py`]: MODEL,

  // Canonical throughout: every gate passes, every rule stays silent.
  [`src/acme_nodes/nodes/${CLEAN}/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${CLEAN}/contract.yaml`]: contract(CLEAN, 'COMPUTE_GENERIC', `${routing(CLEAN, 'HandlerClean', 'handlers.handler_clean', 'clean.run')}descriptor: {node_archetype: "compute", purity: "pure", idempotent: true, timeout_ms: 30000, runtime_profiles: ["main"]}
`),
  [`src/acme_nodes/nodes/${CLEAN}/node.py`]: declarativeNode('NodeCleanCompute', 'NodeCompute'),
  [`src/acme_nodes/nodes/${CLEAN}/handlers/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${CLEAN}/handlers/handler_clean.py`]: `${SPDX}from __future__ import annotations

from datetime import UTC, datetime

from omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput

from acme_nodes.nodes.${CLEAN}.models.model_fixture_input import ModelFixtureInput


class HandlerClean:
    def __init__(self, container: object) -> None:
        self._container = container

    async def handle(self, request: ModelFixtureInput) -> ModelHandlerOutput[ModelFixtureInput]:
        at = datetime.now(UTC)
        result = ModelFixtureInput(correlation_id=request.correlation_id, payload=at.isoformat())
        return ModelHandlerOutput.for_compute(input_envelope_id=request.correlation_id, correlation_id=request.correlation_id, result=result)
`,
  [`src/acme_nodes/nodes/${CLEAN}/models/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${CLEAN}/models/model_fixture_input.py`]: MODEL,

  // A def-B handler whose module still mentions the envelope (in a comment).
  [`src/acme_nodes/nodes/${ENVELOPE}/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${ENVELOPE}/contract.yaml`]: contract(ENVELOPE, 'EFFECT_GENERIC', `${routing(ENVELOPE, 'HandlerEnvelopeEcho', 'handlers.handler_envelope_echo', 'echo.run')}descriptor: {node_archetype: "effect", purity: "impure", idempotent: true, timeout_ms: 30000, runtime_profiles: ["effects"]}
`),
  [`src/acme_nodes/nodes/${ENVELOPE}/node.py`]: declarativeNode('NodeEnvelopeEffect', 'NodeEffect'),
  [`src/acme_nodes/nodes/${ENVELOPE}/handlers/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${ENVELOPE}/handlers/handler_envelope_echo.py`]: `${SPDX}from acme_nodes.nodes.${ENVELOPE}.models.model_fixture_input import ModelFixtureInput


class HandlerEnvelopeEcho:
    def __init__(self, container: object) -> None:
        self._container = container

    async def handle(self, request: ModelFixtureInput) -> ModelFixtureInput:
        # Formerly unwrapped a ModelEventEnvelope here; the runtime does it now.
        return request
`,
  [`src/acme_nodes/nodes/${ENVELOPE}/models/__init__.py`]: SPDX,
  [`src/acme_nodes/nodes/${ENVELOPE}/models/model_fixture_input.py`]: MODEL,
};
