"""
Tests of the production behaviour of NodeLedgerWriterEffect, on omnibase_core 0.1.0.

The node runs on the framework's real ModelONEXContainer and is called through
its entry point with a real ModelContractEffect read from contract.yaml.
Fakes stand in only for third-party services, omninode_bridge's KafkaClient and
python-consul: the tests need no broker, no Consul agent and no pytest plugins.
Run them with `python -m pytest` from the folder that holds the ledger_writer
package.
"""

# Flat layout: today's omnibase repositories keep node tests under
# tests/unit/nodes/ledger_writer/. These tests live in the package's own tests/
# folder so they travel with the node; to move them, import the node by its
# absolute package path instead of the relative imports below.

import asyncio
import json
import logging
import sys
import types
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml

from omnibase_core.enums import EnumNodeType
from omnibase_core.errors import EnumCoreErrorCode, ModelOnexError
from omnibase_core.models.container.model_onex_container import ModelONEXContainer
from omnibase_core.models.contracts.model_contract_effect import ModelContractEffect
from omnibase_core.primitives.model_semver import ModelSemVer

from .. import node as node_module
from ..node import KafkaClientProtocol, NodeLedgerWriterEffect

CONTRACT_PATH = Path(node_module.__file__).with_name("contract.yaml")

TEST_CONFIG: dict[str, Any] = {
    "kafka_bootstrap_servers": "kafka.test:9092",
    "consul_host": "consul.test",
    "service_host": "ledger-writer.test",
    "service_port": 8080,
}


class FakeKafkaClient:
    """Stands in for omninode_bridge's KafkaClient; set fail_with to make publishing raise."""

    def __init__(self, bootstrap_servers: Any = None) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.is_connected = False
        self.fail_with: Optional[Exception] = None
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

    def consul_module(self) -> types.ModuleType:
        """A python-consul look-alike that records registrations."""
        infra = self

        class FakeConsulAgent:
            def register(self, name: str, **kwargs: Any) -> None:
                infra.registered.append({"name": name, **kwargs})

            def deregister(self, service_id: str) -> None:
                infra.deregistered.append(service_id)

        class FakeConsul:
            def __init__(self, host: Any = None, port: Any = None) -> None:
                self.agent = types.SimpleNamespace(service=FakeConsulAgent())

        class FakeCheck:
            @staticmethod
            def http(url: str, interval: str, timeout: Any = None) -> dict[str, Any]:
                return {"http": url, "interval": interval, "timeout": timeout}

        module = types.ModuleType("consul")
        setattr(module, "Consul", FakeConsul)
        setattr(module, "Check", FakeCheck)
        return module


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
) -> NodeLedgerWriterEffect:
    return NodeLedgerWriterEffect(container if container is not None else make_container(config))


def load_contract() -> ModelContractEffect:
    """contract.yaml as the framework's ModelContractEffect, with a sample run's input."""
    data = yaml.safe_load(CONTRACT_PATH.read_text(encoding="utf-8"))
    data["node_type"] = EnumNodeType[data["node_type"]]
    data["version"] = ModelSemVer(**data["version"])
    data["input_state"] = dict(operation="default", payload={"amount": 42})
    return ModelContractEffect.model_validate(data)


def fail_operation(monkeypatch: Any, node: Any, error: Exception) -> None:
    """Makes the node's own operation raise `error`."""

    async def failing(*args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(node, "_perform_effect", failing)


class TestHealthCheckMode:
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
        output = asyncio.run(node.execute_effect(load_contract()))
        assert output.success


class TestKafkaClientAndConsul:
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

    def test_logs_events_only_when_kafka_is_not_configured(self, infra):
        node = make_node({"kafka_bootstrap_servers": None})
        assert node.kafka_client is None
        output = asyncio.run(node.execute_effect(load_contract()))
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


class TestEntryPoint:
    def test_reads_its_input_from_the_contract(self, infra):
        node = make_node()
        contract = load_contract()
        output = asyncio.run(node.execute_effect(contract))
        assert output.success
        assert output.correlation_id == contract.correlation_id
        assert output.result["accepted"] is True
        assert output.result["payload"] == {"amount": 42}

    def test_rejects_what_is_not_a_contract(self, infra):
        node = make_node()
        with pytest.raises(ModelOnexError) as excinfo:
            asyncio.run(node.execute_effect({"input_state": {}}))
        assert excinfo.value.error_code == EnumCoreErrorCode.VALIDATION_ERROR


class TestMetrics:
    def test_after_a_success(self, infra):
        node = make_node()
        output = asyncio.run(node.execute_effect(load_contract()))
        assert output.success
        assert output.duration_ms >= 0.0
        metrics = node.get_metrics()
        assert metrics["total_operations"] == 1
        assert metrics["successful_operations"] == 1
        assert metrics["failed_operations"] == 0
        assert metrics["success_rate"] == 1.0
        assert metrics["avg_duration_ms"] >= 0.0

    def test_after_a_failure(self, infra, monkeypatch):
        node = make_node()
        fail_operation(monkeypatch, node, ValueError("bad input"))
        with pytest.raises(ModelOnexError):
            asyncio.run(node.execute_effect(load_contract()))
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
            asyncio.run(node.execute_effect(load_contract()))
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
            asyncio.run(node.execute_effect(load_contract()))
        assert excinfo.value.error_code == code
        assert excinfo.value.__cause__ is error


class TestEventPublishing:
    def test_publishes_with_envelope_metadata(self, infra):
        node = make_node()
        asyncio.run(node.startup())
        asyncio.run(node.execute_effect(load_contract()))
        [event] = node.kafka_client.published
        assert event["event_type"] == node_module.EVENT_COMPLETED
        assert event["topic"] == f"onex.{node_module.EVENT_COMPLETED}.v1"
        metadata = event["metadata"]
        assert metadata["event_category"] == node_module.EVENT_CATEGORY
        assert metadata["node_type"] == "effect"
        assert metadata["namespace"] == node.default_namespace
        assert metadata["consul_service_id"] == infra.registered[0]["service_id"]

    def test_publishes_a_failure_event(self, infra, monkeypatch):
        node = make_node()
        asyncio.run(node.startup())
        fail_operation(monkeypatch, node, RuntimeError("unexpected"))
        with pytest.raises(ModelOnexError):
            asyncio.run(node.execute_effect(load_contract()))
        published = [event["event_type"] for event in node.kafka_client.published]
        assert published == [node_module.EVENT_FAILED]

    def test_a_publishing_failure_does_not_fail_the_operation(self, infra, caplog):
        caplog.set_level(logging.WARNING, logger="omnibase")
        node = make_node()
        asyncio.run(node.startup())
        node.kafka_client.fail_with = RuntimeError("broker down")
        output = asyncio.run(node.execute_effect(load_contract()))
        assert output.success
        assert node.get_metrics()["successful_operations"] == 1
        warnings = logged(caplog, logging.WARNING)
        assert any("Failed to publish" in message for message in warnings)
