"""
The bridge-era judge's Python side: runs omnibase_core 0.1.0 itself on generated node packages.

Run inside the `bridge` framework environment, one process per check family over all packages:

    python bridge_harness.py FAMILY ROOT OUT.json SPEC.json

ROOT is the folder the packages were scaffolded into (put on sys.path); SPEC.json lists the
packages as [{"module": "payment_gateway.v1_0_0", "dir": "payment_gateway/v1_0_0", "kind":
"effect", "input_state": {...} or null}, ...]. OUT.json receives {module: result} for every
package. A family never stops at a failing package: each result says what the framework said.

Families:
    imports    every .py file of the package imports; the node class constructs with the real
               ModelONEXContainer, health check mode on and off, outside and inside an event loop
    contracts  contract.yaml through every contract loader and validator 0.1.0 has for a node's
               contract (see CONTRACT_LOADERS below)
    entry      the node's 0.1.0 entry point called with a real ModelContract<Kind> built from
               contract.yaml and the package's input_state
    checks     omnibase_core.validation's own suite (architecture, union-usage, contracts,
               patterns), strict, on the package folder

Nothing here stands in for the framework: every check is a call into omnibase_core 0.1.0.
"""

import asyncio
import importlib
import inspect
import json
import logging
import sys
import traceback
from pathlib import Path
from typing import Any, Callable, Optional

# The framework logs every event as JSON on the "omnibase" logger; the results go to OUT.json.
logging.disable(logging.CRITICAL)

import yaml  # noqa: E402
from pydantic import BaseModel  # noqa: E402

from omnibase_core.enums import EnumNodeType  # noqa: E402
from omnibase_core.models.common.model_schema_value import ModelSchemaValue  # noqa: E402
from omnibase_core.models.container.model_onex_container import ModelONEXContainer  # noqa: E402
from omnibase_core.models.contracts.model_contract_compute import ModelContractCompute  # noqa: E402
from omnibase_core.models.contracts.model_contract_effect import ModelContractEffect  # noqa: E402
from omnibase_core.models.contracts.model_contract_orchestrator import (  # noqa: E402
    ModelContractOrchestrator,
)
from omnibase_core.models.contracts.model_contract_reducer import ModelContractReducer  # noqa: E402
from omnibase_core.nodes import NodeCompute, NodeEffect, NodeOrchestrator, NodeReducer  # noqa: E402
from omnibase_core.primitives.model_semver import ModelSemVer  # noqa: E402
from omnibase_core.utils.util_contract_loader import ProtocolContractLoader  # noqa: E402
from omnibase_core.validation import ProtocolContractValidator  # noqa: E402
from omnibase_core.validation.cli import ModelValidationSuite  # noqa: E402
from omnibase_core.validation.contracts import validate_yaml_file  # noqa: E402

CONTRACT_MODELS = {
    "effect": ModelContractEffect,
    "compute": ModelContractCompute,
    "reducer": ModelContractReducer,
    "orchestrator": ModelContractOrchestrator,
}
NODE_BASES = {
    "effect": NodeEffect,
    "compute": NodeCompute,
    "reducer": NodeReducer,
    "orchestrator": NodeOrchestrator,
}
ENTRY_POINTS = {
    "effect": "execute_effect",
    "compute": "execute_compute",
    "reducer": "execute_reduction",
    "orchestrator": "execute_orchestration",
}
# Where a configured node would reach Kafka and Consul: neither omninode_bridge nor python-consul
# is installed in the bridge environment, so the node must degrade (events logged, no registration).
FULL_CONFIG = {
    "kafka_bootstrap_servers": "kafka.conformance.test:9092",
    "consul_host": "consul.conformance.test",
    "service_host": "node.conformance.test",
}


def attempt(action: Callable[[], Any]) -> dict[str, Any]:
    """{"ok": True, "value": ...} or {"ok": False, "error": "Type: message"}."""
    try:
        return {"ok": True, "value": action()}
    except BaseException as e:  # a SystemExit or KeyboardInterrupt from user code is a result too
        return {"ok": False, "error": f"{type(e).__name__}: {e}", "trace": traceback.format_exc(limit=6)}


def node_class(module_name: str, kind: str) -> type:
    """The node class node.py defines: the subclass of the kind's base defined in that module."""
    module = importlib.import_module(f"{module_name}.node")
    base = NODE_BASES[kind]
    found = [
        value
        for value in vars(module).values()
        if inspect.isclass(value) and issubclass(value, base) and value is not base
        and value.__module__ == module.__name__
    ]
    if len(found) != 1:
        raise LookupError(f"{module.__name__} defines {len(found)} subclasses of {base.__name__}")
    return found[0]


def container(config: dict[str, Any]) -> ModelONEXContainer:
    built = ModelONEXContainer()
    built.config.from_dict(config)
    return built


def describe_node(node: Any) -> dict[str, Any]:
    return {
        "class": type(node).__name__,
        "node_id": str(node.node_id),
        "health_check_mode": node.health_check_mode,
        "kafka_client": None if node.kafka_client is None else type(node.kafka_client).__name__,
        "consul_service_id": node._consul_service_id,
        "pending": getattr(node, "_kafka_client_pending", None),
    }


# --- imports ---------------------------------------------------------------------------------


def family_imports(root: Path, package: dict[str, Any]) -> dict[str, Any]:
    package_dir = root / package["dir"]
    modules = {}
    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(root).with_suffix("")
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join(parts)
        modules[name] = attempt(lambda name=name: importlib.import_module(name).__name__)
    result: dict[str, Any] = {"modules": modules}
    cls = attempt(lambda: node_class(package["module"], package["kind"]))
    result["class"] = cls
    if not cls["ok"]:
        return result
    node_type = cls["value"]

    def build(config: dict[str, Any]) -> dict[str, Any]:
        return describe_node(node_type(container(config)))

    async def build_in_loop(config: dict[str, Any]) -> dict[str, Any]:
        return build(config)

    result["class"] = {"ok": True, "value": node_type.__name__}
    result["construct"] = {
        "health_check_on": attempt(lambda: build({**FULL_CONFIG, "health_check_mode": True})),
        "health_check_off": attempt(lambda: build(FULL_CONFIG)),
        "unconfigured": attempt(lambda: build({})),
        "health_check_on_in_loop": attempt(
            lambda: asyncio.run(build_in_loop({**FULL_CONFIG, "health_check_mode": True}))
        ),
        "health_check_off_in_loop": attempt(lambda: asyncio.run(build_in_loop(FULL_CONFIG))),
    }
    return result


# --- contracts -------------------------------------------------------------------------------


def framework_typed(data: dict[str, Any]) -> dict[str, Any]:
    """
    The YAML's node type name and version parts as the framework's types, the conversion
    ProtocolContractValidator.validate_contract_yaml makes before it validates a contract.
    """
    typed = dict(data)
    typed["node_type"] = EnumNodeType[str(data["node_type"]).upper()]
    typed["version"] = ModelSemVer(**data["version"])
    return typed


def validate_all_fields(model: type, data: dict[str, Any]) -> Any:
    """
    pydantic's own validation of every field of a contract model, without the model's __init__:
    omnibase_core 0.1.0's ModelContractCompute.__init__ passes only the base contract's fields on,
    so that is the only way a compute contract validates there.
    """
    instance = model.__new__(model)
    BaseModel.__init__(instance, **data)
    return instance


def validator_result(path: Path, kind: str) -> dict[str, Any]:
    result = ProtocolContractValidator().validate_contract_file(path, kind)
    return {
        "is_valid": result.is_valid,
        "score": result.score,
        "violations": list(result.violations),
        "warnings": list(result.warnings),
    }


def family_contracts(root: Path, package: dict[str, Any]) -> dict[str, Any]:
    kind = package["kind"]
    model = CONTRACT_MODELS[kind]
    path = root / package["dir"] / "contract.yaml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    loaders: dict[str, Any] = {
        # validation/contract_validator.py: the contract validator API, ModelContract<Kind>
        "ProtocolContractValidator.validate_contract_file": attempt(lambda: validator_result(path, kind)),
        # validation/contracts.py: the validation CLI's contract check, ModelYamlContract
        "validation.contracts.validate_yaml_file": attempt(lambda: validate_yaml_file(path)),
        # utils/util_contract_loader.py: NodeBase's contract loader
        "ProtocolContractLoader.load_contract": attempt(
            lambda: ProtocolContractLoader(path.parent).load_contract(path).node_name
        ),
        # the contract model itself, on the framework's types for node_type and version
        "model_validate": attempt(lambda: str(model.model_validate(framework_typed(data)).name)),
        # pydantic's validation of every field, bypassing the model's __init__
        "all_fields": attempt(lambda: str(validate_all_fields(model, framework_typed(data)).name)),
    }
    if hasattr(model, "from_yaml"):
        loaders["from_yaml"] = attempt(lambda: str(model.from_yaml(text).name))
    if kind == "orchestrator":
        # The generic loaders' keys, which ModelContractOrchestrator (extra="forbid") rejects
        with_generic_keys = {**framework_typed(data), "contract_version": data["version"], "node_name": data["name"]}
        loaders["model_validate_with_contract_version"] = attempt(
            lambda: str(model.model_validate(with_generic_keys).name)
        )
    return {"loaders": loaders}


# --- entry -----------------------------------------------------------------------------------


def runtime_contract(root: Path, package: dict[str, Any]) -> Any:
    """The framework's contract for one run: contract.yaml plus the run's input_state."""
    kind = package["kind"]
    model = CONTRACT_MODELS[kind]
    data = framework_typed(yaml.safe_load((root / package["dir"] / "contract.yaml").read_text(encoding="utf-8")))
    if package.get("input_state") is not None:
        data["input_state"] = package["input_state"]
    if kind == "compute":
        data["input_state"] = {key: ModelSchemaValue.from_value(value) for key, value in data["input_state"].items()}
        return validate_all_fields(model, data)
    return model.model_validate(data)


def family_entry(root: Path, package: dict[str, Any]) -> dict[str, Any]:
    kind = package["kind"]
    contract = attempt(lambda: runtime_contract(root, package))
    if not contract["ok"]:
        return {"contract": contract}
    contract_value = contract["value"]
    result: dict[str, Any] = {
        "contract": {
            "ok": True,
            "value": {
                "class": type(contract_value).__name__,
                "correlation_id": str(getattr(contract_value, "correlation_id", "")) or None,
            },
        }
    }

    def call() -> dict[str, Any]:
        node = node_class(package["module"], kind)(container({}))
        entry = getattr(node, ENTRY_POINTS[kind])
        output = asyncio.run(entry(contract_value))
        dumped = output.model_dump(mode="json") if isinstance(output, BaseModel) else output
        return {"output_class": type(output).__name__, "output": dumped, "metrics": node.get_metrics()}

    result["call"] = attempt(call)
    return result


# --- checks ----------------------------------------------------------------------------------


def family_checks(root: Path, package: dict[str, Any]) -> dict[str, Any]:
    suite = ModelValidationSuite()
    results = suite.run_all_validations(root / package["dir"], strict=True)
    return {
        name: {"success": result.success, "errors": list(result.errors), "files_checked": result.files_checked}
        for name, result in results.items()
    }


FAMILIES = {
    "imports": family_imports,
    "contracts": family_contracts,
    "entry": family_entry,
    "checks": family_checks,
}


def main(argv: list[str]) -> int:
    family, root_arg, out_arg, spec_arg = argv
    root = Path(root_arg).resolve()
    sys.path.insert(0, str(root))
    packages = json.loads(Path(spec_arg).read_text(encoding="utf-8"))
    run = FAMILIES[family]
    results = {package["module"]: attempt(lambda package=package: run(root, package)) for package in packages}
    Path(out_arg).write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
