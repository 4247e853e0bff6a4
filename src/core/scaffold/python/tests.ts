// tests/test_node.py of a generated Python node: pytest tests of the production behaviour, with
// fakes for the container, the Kafka client and python-consul (no broker, no agent, no plugins).
import { entryPointName } from '../../framework';
import type { FrameworkTarget, NodeKind, ScaffoldLayout } from '../naming';
import { fromImport } from './node';
import { BRIDGE_KIND_PROFILES, type KindProfile } from './kinds';
import type { PythonNames } from './names';

export interface TestRenderOptions {
  kind: NodeKind;
  target: FrameworkTarget;
  layout: ScaffoldLayout;
}

function layoutNote(names: PythonNames, layout: ScaffoldLayout): string {
  if (layout === 'versioned') return '';
  return `
# Flat layout: today's omnibase repositories keep node tests under
# tests/unit/nodes/${names.nodeName}/. These tests live in the package's own tests/
# folder so they travel with the node; to move them, import the node by its
# absolute package path instead of the relative imports below.
`;
}

export function renderTestNodePy(names: PythonNames, profile: KindProfile, options: TestRenderOptions): string {
  if (options.target === 'bridge') return renderBridgeTestNodePy(names, profile, options);
  const entryPoint = entryPointName(options.kind, options.target);
  const failing = profile.operationIsAsync
    ? `    async def failing(*args: Any, **kwargs: Any) -> Any:
        raise error
`
    : `    def failing(*args: Any, **kwargs: Any) -> Any:
        raise error
`;
  const serviceHost = `${names.nodeName.replace(/_/g, '-')}.test`;
  const t: SharedTests = {
    entryPoint, input: 'sample_input()', successAssertions: profile.resultAssertions, kind: names.kind,
    logFixtures: 'infra', logSetup: '', warnings: 'infra.messages(node_module.LogLevel.WARNING)',
  };
  return `"""
Tests of the production behaviour of ${names.className}.

Fakes stand in for the container, the Kafka client and python-consul, so the
tests need no broker, no Consul agent and no pytest plugins. Run them with
\`python -m pytest\` from the folder that holds the ${names.nodeName} package.
"""
${layoutNote(names, options.layout)}
import asyncio
import sys
import types
from typing import Any

import pytest

from omnibase_core.errors import EnumCoreErrorCode, ModelOnexError

from .. import node as node_module
from ..models import ${names.inputModel}
from ..node import ${names.className}

TEST_CONFIG: dict[str, Any] = {
    "kafka_bootstrap_servers": "kafka.test:9092",
    "consul_host": "consul.test",
    "service_host": "${serviceHost}",
    "service_port": 8080,
}


class FakeContainer:
    """Stands in for ModelONEXContainer: a config dict and named services."""

    def __init__(
        self, config: dict[str, Any], services: dict[str, Any] | None = None
    ) -> None:
        self.config = dict(config)
        self.services = dict(services or {})

    def get_service(self, name: str) -> Any:
        return self.services.get(name)

    def register_service(self, name: str, service: Any) -> None:
        self.services[name] = service


${fakeKafkaClientClass('Records publish_with_envelope calls', 'Exception | None')}

class Infrastructure:
    """What the node did to Kafka, Consul and the log during one test."""

    def __init__(self) -> None:
        self.kafka_clients: list[FakeKafkaClient] = []
        self.registered: list[dict[str, Any]] = []
        self.deregistered: list[str] = []
        self.logs: list[tuple[Any, str, dict[str, Any]]] = []

    def create_kafka_client(self, **kwargs: Any) -> FakeKafkaClient:
        client = FakeKafkaClient(**kwargs)
        self.kafka_clients.append(client)
        return client

    def log(self, level: Any, message: str, context: Any = None) -> None:
        self.logs.append((level, message, context or {}))

    def messages(self, level: Any) -> list[str]:
        return [message for logged, message, _ in self.logs if logged == level]

${consulModuleMethod('FakeAgentService')}

@pytest.fixture
def infra(monkeypatch: pytest.MonkeyPatch) -> Infrastructure:
    """Installs a fake KafkaClient module, a fake python-consul and a log recorder."""
    infrastructure = Infrastructure()
    kafka_module = types.ModuleType("omninode_bridge.services.kafka_client")
    setattr(kafka_module, "KafkaClient", infrastructure.create_kafka_client)
    monkeypatch.setitem(sys.modules, kafka_module.__name__, kafka_module)
    monkeypatch.setitem(sys.modules, "consul", infrastructure.consul_module())
    monkeypatch.setattr(node_module, "emit_log_event", infrastructure.log)
    return infrastructure


def make_node(
    config: dict[str, Any] | None = None, services: dict[str, Any] | None = None
) -> ${names.className}:
    container = FakeContainer({**TEST_CONFIG, **(config or {})}, services)
    return ${names.className}(container)


def sample_input() -> ${names.inputModel}:
    return ${names.inputModel}(${profile.sampleInput})


def fail_operation(monkeypatch: Any, node: Any, error: Exception) -> None:
    """Makes the node's own operation raise \`error\`."""

${failing}
    monkeypatch.setattr(node, "${profile.operationMethod}", failing)


${healthCheckTests(t)}class TestServicesAndRegistration:
    def test_creates_the_kafka_client_and_registers_it_in_the_container(self, infra):
        node = make_node()
        assert infra.kafka_clients == [node.kafka_client]
        assert node.container.services["kafka_client"] is node.kafka_client

    def test_uses_the_container_client_when_there_is_one(self, infra):
        shared = FakeKafkaClient()
        node = make_node(services={"kafka_client": shared})
        assert node.kafka_client is shared
        assert infra.kafka_clients == []

${kafkaAndConsulTests(t)}${behaviourTests(t)}`;
}

/**
 * How a bridge-era test builds the framework's contract from contract.yaml, per kind: the YAML holds
 * the node type's name and the version's parts, and the contract models of omnibase_core 0.1.0 take
 * the framework's types for them (ProtocolContractValidator converts them the same way).
 */
function bridgeContractLoader(names: PythonNames, kind: NodeKind): { imports: string[]; body: string } {
  const bridge = BRIDGE_KIND_PROFILES[kind];
  const cls = bridge.contractClass;
  const read = `    data = yaml.safe_load(CONTRACT_PATH.read_text(encoding="utf-8"))
    data["node_type"] = EnumNodeType[data["node_type"]]
    data["version"] = ModelSemVer(**data["version"])
`;
  if (kind === 'compute') {
    return {
      imports: ['from omnibase_core.models.common.model_schema_value import ModelSchemaValue', 'from pydantic import BaseModel'],
      body: `${read}    # ModelContractCompute.input_state maps names to ModelSchemaValue
    sample = dict(${bridge.sampleInputState})
    data["input_state"] = {
        key: ModelSchemaValue.from_value(value) for key, value in sample.items()
    }
    # omnibase_core 0.1.0's ModelContractCompute.__init__ passes only the base
    # contract's fields on (algorithm and the other compute fields are dropped),
    # so no compute contract validates through it ("algorithm: Field required");
    # pydantic's own BaseModel.__init__ validates every field of the model.
    contract = ${cls}.__new__(${cls})
    BaseModel.__init__(contract, **data)
    return contract
`,
    };
  }
  const input = bridge.sampleInputState
    ? `    data["input_state"] = dict(${bridge.sampleInputState})\n`
    : `    # ${cls} carries no input_state: a run is its correlation_id\n`;
  return { imports: [], body: `${read}${input}    return ${cls}.model_validate(data)\n` };
}

/**
 * tests/test_node.py of the bridge era: the node on omnibase_core 0.1.0's real ModelONEXContainer
 * (configured through its dependency_injector config, services in its ServiceRegistry), called
 * through its entry point with a real ModelContract<Kind> read from contract.yaml, and its logs read
 * from the framework's own logger. Fakes stand in for third-party services only (omninode_bridge's
 * KafkaClient, python-consul). No `X | None` and no "Service" in class names (omnibase_core 0.1.0's
 * union and naming checkers).
 */
export function renderBridgeTestNodePy(names: PythonNames, profile: KindProfile, options: TestRenderOptions): string {
  const { kind } = options;
  const bridge = BRIDGE_KIND_PROFILES[kind];
  const entryPoint = entryPointName(kind, 'bridge');
  const loader = bridgeContractLoader(names, kind);
  const failing = profile.operationIsAsync
    ? `    async def failing(*args: Any, **kwargs: Any) -> Any:
        raise error
`
    : `    def failing(*args: Any, **kwargs: Any) -> Any:
        raise error
`;
  const serviceHost = `${names.nodeName.replace(/_/g, '-')}.test`;
  // ModelContractCompute has no correlation_id: the run's is the input's own.
  const correlation = kind === 'compute'
    ? '        assert output.correlation_id is not None\n'
    : '        assert output.correlation_id == contract.correlation_id\n';
  const t: SharedTests = {
    entryPoint, input: 'load_contract()', successAssertions: '', kind: names.kind,
    logFixtures: 'infra, caplog', logSetup: '        caplog.set_level(logging.WARNING, logger="omnibase")\n',
    warnings: 'logged(caplog, logging.WARNING)',
  };
  const frameworkImports = [
    'from omnibase_core.enums import EnumNodeType',
    'from omnibase_core.errors import EnumCoreErrorCode, ModelOnexError',
    'from omnibase_core.models.container.model_onex_container import ModelONEXContainer',
    fromImport(`omnibase_core.models.contracts.model_contract_${kind}`, [bridge.contractClass]),
    'from omnibase_core.primitives.model_semver import ModelSemVer',
    ...loader.imports,
  ].sort((a, b) => a.localeCompare(b));
  return `"""
Tests of the production behaviour of ${names.className}, on omnibase_core 0.1.0.

The node runs on the framework's real ModelONEXContainer and is called through
its entry point with a real ${bridge.contractClass} read from contract.yaml.
Fakes stand in only for third-party services, omninode_bridge's KafkaClient and
python-consul: the tests need no broker, no Consul agent and no pytest plugins.
Run them with \`python -m pytest\` from the folder that holds the ${names.nodeName}
package.
"""
${layoutNote(names, options.layout)}
import asyncio
import json
import logging
import sys
import types
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml

${frameworkImports.join('\n')}

from .. import node as node_module
from ..node import KafkaClientProtocol, ${names.className}

CONTRACT_PATH = Path(node_module.__file__).with_name("contract.yaml")

TEST_CONFIG: dict[str, Any] = {
    "kafka_bootstrap_servers": "kafka.test:9092",
    "consul_host": "consul.test",
    "service_host": "${serviceHost}",
    "service_port": 8080,
}


${fakeKafkaClientClass("Stands in for omninode_bridge's KafkaClient", 'Optional[Exception]')}

class Infrastructure:
    """What the node did to Kafka and Consul during one test."""

    def __init__(self) -> None:
        self.kafka_clients: list[FakeKafkaClient] = []
        self.registered: list[dict[str, Any]] = []
        self.deregistered: list[str] = []

    def create_kafka_client(self, **kwargs: Any) -> FakeKafkaClient:
        client = FakeKafkaClient(**kwargs)
        self.kafka_clients.append(client)
        return client

${consulModuleMethod('FakeConsulAgent')}

@pytest.fixture
def infra(monkeypatch: pytest.MonkeyPatch) -> Infrastructure:
    """Installs a fake omninode_bridge KafkaClient module and a fake python-consul."""
    infrastructure = Infrastructure()
    kafka_module = types.ModuleType("omninode_bridge.services.kafka_client")
    setattr(kafka_module, "KafkaClient", infrastructure.create_kafka_client)
    monkeypatch.setitem(sys.modules, kafka_module.__name__, kafka_module)
    monkeypatch.setitem(sys.modules, "consul", infrastructure.consul_module())
    return infrastructure


def logged(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    """What the framework's emit_log_event_sync logged at level (JSON on the "omnibase" logger)."""
    return [
        json.loads(record.getMessage())["message"]
        for record in caplog.records
        if record.name == "omnibase" and record.levelno == level
    ]


def make_container(config: Optional[dict[str, Any]] = None) -> ModelONEXContainer:
    """The framework's container, configured as a host application configures it."""
    container = ModelONEXContainer()
    container.config.from_dict({**TEST_CONFIG, **(config or {})})
    return container


def make_node(
    config: Optional[dict[str, Any]] = None,
    container: Optional[ModelONEXContainer] = None,
) -> ${names.className}:
    return ${names.className}(container if container is not None else make_container(config))


def load_contract() -> ${bridge.contractClass}:
    """contract.yaml as the framework's ${bridge.contractClass}, with a sample run's input."""
${loader.body}

def fail_operation(monkeypatch: Any, node: Any, error: Exception) -> None:
    """Makes the node's own operation raise \`error\`."""

${failing}
    monkeypatch.setattr(node, "${profile.operationMethod}", failing)


${healthCheckTests(t)}class TestKafkaClientAndConsul:
    def test_creates_the_kafka_client_and_shares_it_through_the_container(self, infra):
        node = make_node()
        assert infra.kafka_clients == [node.kafka_client]
        asyncio.run(node.startup())
        assert node.container.get_service(KafkaClientProtocol) is node.kafka_client

    def test_uses_the_container_client_when_there_is_one(self, infra):
        container = make_container()
        shared = FakeKafkaClient()
        asyncio.run(
            container.service_registry.register_instance(
                interface=KafkaClientProtocol, instance=shared
            )
        )
        node = make_node(container=container)
        assert node.kafka_client is shared
        assert infra.kafka_clients == []

    def test_resolves_the_client_at_startup_when_built_inside_an_event_loop(self, infra):
        async def scenario() -> tuple[Any, FakeKafkaClient]:
            container = make_container()
            shared = FakeKafkaClient()
            await container.service_registry.register_instance(
                interface=KafkaClientProtocol, instance=shared
            )
            node = make_node(container=container)
            assert node.kafka_client is None
            await node.startup()
            return node, shared

        node, shared = asyncio.run(scenario())
        assert node.kafka_client is shared
        assert shared.is_connected
        assert infra.kafka_clients == []

${kafkaAndConsulTests(t)}class TestEntryPoint:
    def test_reads_its_input_from_the_contract(self, infra):
        node = make_node()
        contract = load_contract()
        output = asyncio.run(node.${entryPoint}(contract))
        assert output.success
${correlation}${profile.resultAssertions}
    def test_rejects_what_is_not_a_contract(self, infra):
        node = make_node()
        with pytest.raises(ModelOnexError) as excinfo:
            asyncio.run(node.${entryPoint}({"input_state": {}}))
        assert excinfo.value.error_code == EnumCoreErrorCode.VALIDATION_ERROR


${behaviourTests(t)}`;
}

/** What the test classes both targets share are written with. */
interface SharedTests {
  entryPoint: string;
  /** The Python expression the entry point is called with. */
  input: string;
  /** Assertions on `output.result` after a success (test method body), or nothing. */
  successAssertions: string;
  kind: string;
  /** The fixtures of the publishing-failure test, its first lines, and how it reads the WARNING log. */
  logFixtures: string;
  logSetup: string;
  warnings: string;
}

/** TestHealthCheckMode. */
function healthCheckTests(t: SharedTests): string {
  return `class TestHealthCheckMode:
    def test_skips_client_creation_and_consul_registration(self, infra):
        node = make_node({"health_check_mode": True})
        assert node.kafka_client is None
        assert infra.kafka_clients == []
        assert infra.registered == []

    def test_reads_the_flag_from_strings(self, infra):
        node = make_node({"health_check_mode": "true"})
        assert node.health_check_mode is True
        assert infra.registered == []

    def test_still_runs_operations(self, infra):
        node = make_node({"health_check_mode": True})
        output = asyncio.run(node.${t.entryPoint}(${t.input}))
        assert output.success


`;
}

/** The Kafka-less and Consul tests of the services class. */
function kafkaAndConsulTests(t: SharedTests): string {
  return `    def test_logs_events_only_when_kafka_is_not_configured(self, infra):
        node = make_node({"kafka_bootstrap_servers": None})
        assert node.kafka_client is None
        output = asyncio.run(node.${t.entryPoint}(${t.input}))
        assert output.success

    def test_registers_with_consul_and_deregisters_on_shutdown(self, infra):
        node = make_node()
        [registration] = infra.registered
        assert registration["name"] == node_module.SERVICE_NAME
        assert registration["address"] == TEST_CONFIG["service_host"]
        assert registration["check"]["http"].endswith("/health")
        asyncio.run(node.startup())
        assert node.kafka_client.is_connected
        asyncio.run(node.shutdown())
        assert infra.deregistered == [registration["service_id"]]
        assert not node.kafka_client.is_connected

    def test_does_not_register_without_a_consul_host(self, infra):
        make_node({"consul_host": None})
        assert infra.registered == []


`;
}

/** TestMetrics, TestErrorHandling and TestEventPublishing. */
function behaviourTests(t: SharedTests): string {
  return `class TestMetrics:
    def test_after_a_success(self, infra):
        node = make_node()
        output = asyncio.run(node.${t.entryPoint}(${t.input}))
        assert output.success
        assert output.duration_ms >= 0.0
${t.successAssertions}        metrics = node.get_metrics()
        assert metrics["total_operations"] == 1
        assert metrics["successful_operations"] == 1
        assert metrics["failed_operations"] == 0
        assert metrics["success_rate"] == 1.0
        assert metrics["avg_duration_ms"] >= 0.0

    def test_after_a_failure(self, infra, monkeypatch):
        node = make_node()
        fail_operation(monkeypatch, node, ValueError("bad input"))
        with pytest.raises(ModelOnexError):
            asyncio.run(node.${t.entryPoint}(${t.input}))
        metrics = node.get_metrics()
        assert metrics["total_operations"] == 1
        assert metrics["successful_operations"] == 0
        assert metrics["failed_operations"] == 1
        assert metrics["success_rate"] == 0.0


class TestErrorHandling:
    def test_an_onex_error_passes_through_unchanged(self, infra, monkeypatch):
        node = make_node()
        original = ModelOnexError(
            message="already classified", error_code=EnumCoreErrorCode.OPERATION_FAILED
        )
        fail_operation(monkeypatch, node, original)
        with pytest.raises(ModelOnexError) as excinfo:
            asyncio.run(node.${t.entryPoint}(${t.input}))
        assert excinfo.value is original

    @pytest.mark.parametrize(
        ("error", "code"),
        [
            (ConnectionError("connection refused"), EnumCoreErrorCode.NETWORK_ERROR),
            (TimeoutError("too slow"), EnumCoreErrorCode.TIMEOUT),
            (KeyError("missing"), EnumCoreErrorCode.VALIDATION_ERROR),
            (RuntimeError("unexpected"), EnumCoreErrorCode.INTERNAL_ERROR),
        ],
    )
    def test_other_errors_are_wrapped(self, infra, monkeypatch, error, code):
        node = make_node()
        fail_operation(monkeypatch, node, error)
        with pytest.raises(ModelOnexError) as excinfo:
            asyncio.run(node.${t.entryPoint}(${t.input}))
        assert excinfo.value.error_code == code
        assert excinfo.value.__cause__ is error


class TestEventPublishing:
    def test_publishes_with_envelope_metadata(self, infra):
        node = make_node()
        asyncio.run(node.startup())
        asyncio.run(node.${t.entryPoint}(${t.input}))
        [event] = node.kafka_client.published
        assert event["event_type"] == node_module.EVENT_COMPLETED
        assert event["topic"] == f"onex.{node_module.EVENT_COMPLETED}.v1"
        metadata = event["metadata"]
        assert metadata["event_category"] == node_module.EVENT_CATEGORY
        assert metadata["node_type"] == "${t.kind}"
        assert metadata["namespace"] == node.default_namespace
        assert metadata["consul_service_id"] == infra.registered[0]["service_id"]

    def test_publishes_a_failure_event(self, infra, monkeypatch):
        node = make_node()
        asyncio.run(node.startup())
        fail_operation(monkeypatch, node, RuntimeError("unexpected"))
        with pytest.raises(ModelOnexError):
            asyncio.run(node.${t.entryPoint}(${t.input}))
        published = [event["event_type"] for event in node.kafka_client.published]
        assert published == [node_module.EVENT_FAILED]

    def test_a_publishing_failure_does_not_fail_the_operation(self, ${t.logFixtures}):
${t.logSetup}        node = make_node()
        asyncio.run(node.startup())
        node.kafka_client.fail_with = RuntimeError("broker down")
        output = asyncio.run(node.${t.entryPoint}(${t.input}))
        assert output.success
        assert node.get_metrics()["successful_operations"] == 1
        warnings = ${t.warnings}
        assert any("Failed to publish" in message for message in warnings)
`;
}

/** Infrastructure.consul_module: a python-consul look-alike recording registrations (both eras). */
function consulModuleMethod(agentClass: string): string {
  return `    def consul_module(self) -> types.ModuleType:
        """A python-consul look-alike that records registrations."""
        infra = self

        class ${agentClass}:
            def register(self, name: str, **kwargs: Any) -> None:
                infra.registered.append({"name": name, **kwargs})

            def deregister(self, service_id: str) -> None:
                infra.deregistered.append(service_id)

        class FakeConsul:
            def __init__(self, host: Any = None, port: Any = None) -> None:
                self.agent = types.SimpleNamespace(service=${agentClass}())

        class FakeCheck:
            @staticmethod
            def http(url: str, interval: str, timeout: Any = None) -> dict[str, Any]:
                return {"http": url, "interval": interval, "timeout": timeout}

        module = types.ModuleType("consul")
        setattr(module, "Consul", FakeConsul)
        setattr(module, "Check", FakeCheck)
        return module
`;
}

/** The fake KafkaClient (both eras; the bridge era's union checker wants `Optional[...]`). */
function fakeKafkaClientClass(summary: string, failWith: string): string {
  return `class FakeKafkaClient:
    """${summary}; set fail_with to make publishing raise."""

    def __init__(self, bootstrap_servers: Any = None) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.is_connected = False
        self.fail_with: ${failWith} = None
        self.published: list[dict[str, Any]] = []

    async def connect(self) -> None:
        self.is_connected = True

    async def disconnect(self) -> None:
        self.is_connected = False

    async def publish_with_envelope(self, **kwargs: Any) -> bool:
        if self.fail_with is not None:
            raise self.fail_with
        self.published.append(kwargs)
        return True
`;
}
