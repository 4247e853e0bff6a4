# SPDX-License-Identifier: MIT
"""Generate the JSON Schema of contract.yaml from the ONEX framework's own code.

Run inside a framework environment; it writes the schema of that environment's era to stdout:

    node scripts/python-env/runner.cjs today  python scripts/contract-schema/generate.py > src/core/contract/schema/today.json
    node scripts/python-env/runner.cjs bridge python scripts/contract-schema/generate.py > src/core/contract/schema/bridge.json

Today (omnibase-core 0.46.x, omnibase-infra 0.38.x) the schema starts from
`ModelYamlContract.model_json_schema()` (what `validate_yaml_file` checks, L1 in current-era.md
§2.1) and merges into it what the other checks define in code, imported here, never retyped:

- the infra `ContractLinter` (L2): REQUIRED_CONTRACT_FIELDS, VALID_NODE_TYPES,
  KNOWN_CONTRACT_FIELDS, VALID_DEPENDENCY_TYPES; it wins where it disagrees with the model
  (node_type is only the four *_GENERIC values; contract_version must be a mapping of ints);
- runtime discovery (L3): the routing entry (`ModelHandlerRoutingEntry`, `ModelHandlerRef`), the
  event bus (`ModelEventBusWiring`);
- `ModelPublishedEventEntry` for `published_events`;
- REGISTERED_RUNTIME_PROFILES / CONSUMER_ATTACHED_RUNTIME_PROFILES (L11);
- the topic rules of `validate_topic_suffix` (L9, `util_topic_suffix`) and of infra's topic
  linter (L8, `scripts/validation/lint_topic_names.py` in the infra source distribution);
- the routing constants of the L10 validators and `EnumMessageCategory`.

What no JSON Schema keyword expresses is recorded under "x-onex" for the checker's own rules.
Descriptions come from the framework's models (also from the typed contract models, for keys
the infra dialect shares with them: descriptions only, never their constraints).

The bridge era (omnibase_core 0.1.0) validates a node's contract.yaml with its own
`ModelYamlContract` through `omnibase_core.validation.contracts.validate_yaml_file`: the schema
is that model's, node_type matched case-insensitively by name, as its validator does.
"""
from __future__ import annotations

import copy
import importlib.metadata
import importlib.util
import json
import re
import sys
import warnings
from pathlib import Path
from typing import Any

warnings.filterwarnings("ignore")

GENERATOR = "scripts/contract-schema/generate.py"
SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _to_draft7(schema: Any) -> Any:
    """Pydantic writes `$defs` and `#/$defs/...`; draft-07 readers (YAML language servers) want definitions."""
    if isinstance(schema, dict):
        out = {}
        for key, value in schema.items():
            if key == "$ref" and isinstance(value, str):
                out[key] = value.replace("#/$defs/", "#/definitions/")
            else:
                out["definitions" if key == "$defs" else key] = _to_draft7(value)
        return out
    if isinstance(schema, list):
        return [_to_draft7(v) for v in schema]
    return schema


def _model_schema(model: Any) -> dict[str, Any]:
    return _to_draft7(model.model_json_schema())


def _inline(model: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    """A model's schema with its own definitions hoisted into the root's (those already there stay)."""
    schema = _model_schema(model)
    for name, definition in schema.pop("definitions", {}).items():
        definitions.setdefault(name, definition)
    return schema


def _loose(schema: dict[str, Any]) -> dict[str, Any]:
    """The raw YAML may carry keys the runtime's parsed model drops: allow them (other rules report unknown keys)."""
    schema = copy.deepcopy(schema)
    schema.pop("additionalProperties", None)
    schema.pop("title", None)
    return schema


def _first_description(name: str, models: list[Any]) -> str | None:
    for model in models:
        field = model.model_fields.get(name)
        if field is not None and field.description:
            return field.description
    return None


def _load_script(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _infra_sdist() -> Path:
    # scripts/python-env/setup.sh unpacks the framework's source distributions into the venv's sdist/.
    version = _version("omnibase-infra")
    candidate = Path(sys.prefix) / "sdist" / f"omnibase_infra-{version}"
    if not candidate.is_dir():
        raise SystemExit(f"{GENERATOR}: the omnibase_infra {version} source distribution is not at {candidate}")
    return candidate


def _deprecated_version_message(model: Any, node_type: str) -> str:
    """The message ModelYamlContract gives for a top-level `version` key (OMN-1431), from the model itself."""
    try:
        model.model_validate({"version": "1.0.0", "contract_version": {"major": 1, "minor": 0, "patch": 0},
                              "node_type": node_type})
    except Exception as exc:  # pydantic.ValidationError
        for error in exc.errors():  # type: ignore[attr-defined]
            return str(error["msg"]).removeprefix("Value error, ")
    raise SystemExit(f"{GENERATOR}: ModelYamlContract accepted a top-level 'version' key")


def today() -> dict[str, Any]:
    from omnibase_core.constants.constants_runtime_profiles import (
        CONSUMER_ATTACHED_RUNTIME_PROFILES,
        REGISTERED_RUNTIME_PROFILES,
    )
    from omnibase_core.enums import EnumMessageCategory, EnumNodeType
    from omnibase_core.models.contracts.model_contract_base import ModelContractBase
    from omnibase_core.models.contracts.model_contract_compute import ModelContractCompute
    from omnibase_core.models.contracts.model_contract_effect import ModelContractEffect
    from omnibase_core.models.contracts.model_contract_orchestrator import ModelContractOrchestrator
    from omnibase_core.models.contracts.model_contract_reducer import ModelContractReducer
    from omnibase_core.models.contracts.model_published_event_entry import ModelPublishedEventEntry
    from omnibase_core.models.contracts.model_yaml_contract import ModelYamlContract
    from omnibase_core.models.dispatch.model_handler_ref import ModelHandlerRef
    from omnibase_core.utils import util_topic_suffix as l9
    from omnibase_core.validators import command_category_requires_event_model as l10_cmd
    from omnibase_core.validators import operation_match_requires_operation as l10_op
    from omnibase_infra.runtime.auto_wiring.models import ModelEventBusWiring, ModelHandlerRoutingEntry
    from omnibase_infra.validation import linter_contract as l2

    l8 = _load_script(_infra_sdist() / "scripts/validation/lint_topic_names.py", "onex_lint_topic_names")

    root = _model_schema(ModelYamlContract)
    definitions: dict[str, Any] = root.pop("definitions")
    properties: dict[str, Any] = root["properties"]
    typed_models = [ModelContractBase, ModelContractEffect, ModelContractCompute, ModelContractReducer,
                    ModelContractOrchestrator]

    # L2 wins: node_type is exactly one of the four generic types (ModelYamlContract accepts any
    # EnumNodeType, case-insensitively); the enum's own description stays.
    node_types = sorted(l2.VALID_NODE_TYPES)
    enum_doc = definitions.pop("EnumNodeType")["description"]
    properties["node_type"] = {
        "type": "string",
        "enum": node_types,
        "description": properties["node_type"]["description"] + "\n\n" + enum_doc,
    }
    # L2 wins: contract_version is a mapping with integer major/minor/patch >= 0 (ModelSemVer also
    # coerces numeric strings); the model's optional prerelease/build stay.
    semver = definitions["ModelSemVer"]
    for part in ("major", "minor", "patch"):
        semver["properties"][part]["type"] = "integer"
        semver["properties"][part]["minimum"] = 0

    handler_ref = _loose(_inline(ModelHandlerRef, definitions))
    handler_ref["required"] = ["name", "module"]
    definitions["ModelHandlerRef"] = handler_ref
    ref = {"$ref": "#/definitions/ModelHandlerRef"}

    # L2: input_model / output_model are {name, module} mappings (the typed models' description).
    for key in ("input_model", "output_model"):
        properties[key] = {**ref, "description": _first_description(key, typed_models) or key}
    properties["name"] = {"type": "string", "description": _first_description("name", typed_models) or "name"}
    # L2: node_version is a semver string or a {major, minor, patch} mapping of integers.
    properties["node_version"] = {
        "description": _first_description("node_version", typed_models) or "node_version",
        "anyOf": [
            {"type": "string"},
            {"type": "object", "required": ["major", "minor", "patch"],
             "properties": {p: {"type": "integer"} for p in ("major", "minor", "patch")}},
        ],
    }
    # L2: dependencies[] entries need a string name and a known type.
    properties["dependencies"] = {
        "description": _first_description("dependencies", typed_models) or "dependencies",
        "type": "array",
        "items": {
            "type": "object",
            "required": ["name", "type"],
            "properties": {
                "name": {"type": "string"},
                "type": {"type": "string", "enum": sorted(l2.VALID_DEPENDENCY_TYPES)},
            },
        },
    }

    # L3: the event bus as runtime discovery reads it (boolean flags must be booleans).
    bus = _loose(_inline(ModelEventBusWiring, definitions))
    for key, prop in bus["properties"].items():
        prop.pop("default", None)
        prop.pop("title", None)
        if prop.get("type") == "array":
            prop["items"] = {"type": "string"}
            prop.pop("maxItems", None)
            prop.pop("minItems", None)
            prop.pop("prefixItems", None)
    properties["event_bus"] = {**bus, "description": "Topics the runtime subscribes the node to and publishes its "
                               "output on (runtime discovery, ModelEventBusWiring)."}

    # L3 (OMN-14141): every routing entry carries a nested handler {name, module}; event_model is a
    # {name, module} mapping or a 'module.Model' string; message_category is an EnumMessageCategory
    # value (handler wiring: EnumMessageCategory(value.strip().lower())).
    entry = _loose(_inline(ModelHandlerRoutingEntry, definitions))
    for key, prop in entry["properties"].items():
        prop.pop("default", None)
        prop.pop("title", None)
        if "anyOf" in prop:
            kinds = [k for k in prop.pop("anyOf") if k.get("type") != "null"]
            prop.update(kinds[0] if len(kinds) == 1 else {"anyOf": kinds})
    entry["properties"]["handler"] = {**ref, "description": entry["properties"]["handler"]["description"]}
    entry["properties"]["event_model"] = {
        "description": entry["properties"]["event_model"]["description"],
        "anyOf": [ref, {"type": "string", "pattern": r"^.+\..+$"}],
    }
    entry["properties"]["message_category"]["enum"] = [c.value for c in EnumMessageCategory]
    entry["properties"]["message_category"]["x-onex-caseInsensitive"] = True
    entry["required"] = ["handler"]
    definitions["ModelHandlerRoutingEntry"] = entry
    properties["handler_routing"] = {
        "description": _first_description("handler_routing", typed_models) or "handler_routing",
        "type": "object",
        "properties": {
            "routing_strategy": {
                "type": "string",
                "description": "How entries are matched: only payload_type_match is exempt from 'operation' "
                               "(RuntimeLocal._validate_routing, operation_match_requires_operation).",
                "examples": ["operation_match", l10_op.PAYLOAD_TYPE_MATCH, "topic_match"],
            },
            "handlers": {"type": "array", "items": {"$ref": "#/definitions/ModelHandlerRoutingEntry"}},
            "default_handler": {"type": "string", "description": "'module:Class' of the handler when "
                                "'handlers' is absent (runtime discovery)."},
        },
    }

    # L7 / ModelPublishedEventEntry: the class -> topic map the runtime publishes by.
    published = _loose(_inline(ModelPublishedEventEntry, definitions))
    for prop in published["properties"].values():
        prop.pop("title", None)
    definitions["ModelPublishedEventEntry"] = published
    properties["published_events"] = {
        "description": "Events the node publishes, by event type; each topic must be in event_bus.publish_topics.",
        "type": "array",
        "items": {"$ref": "#/definitions/ModelPublishedEventEntry"},
    }

    # L3 / L11: runtime profiles, top level or under descriptor.
    profiles = {
        "description": "Runtime profiles whose processes wire this node's subscriptions (a string or a list).",
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
        "examples": sorted(REGISTERED_RUNTIME_PROFILES),
    }
    properties["runtime_profiles"] = profiles
    properties["descriptor"] = {
        "description": "Operational descriptor: archetype, purity, idempotency, timeout and runtime profiles.",
        "type": "object",
        "properties": {"runtime_profiles": profiles},
    }
    properties["terminal_event"] = {"type": "string", "description": ModelEventBusWiring.model_fields[
        "terminal_event"].description}

    # Every other key the linter knows, with a description where a framework model has one.
    for key in sorted(l2.KNOWN_CONTRACT_FIELDS):
        if key not in properties:
            description = _first_description(key, typed_models)
            properties[key] = {"description": description} if description else {}
    # OMN-1431: ModelYamlContract rejects a top-level 'version'.
    properties["version"] = {
        "deprecated": True,
        "description": _deprecated_version_message(ModelYamlContract, node_types[0]),
        "x-onex-renamedTo": "contract_version",
    }

    root["required"] = list(l2.REQUIRED_CONTRACT_FIELDS)
    root["definitions"] = definitions
    root["x-onex"] = {
        "era": "today",
        "knownFields": sorted(l2.KNOWN_CONTRACT_FIELDS),
        "requiredFields": list(l2.REQUIRED_CONTRACT_FIELDS),
        "nodeTypes": node_types,
        "dependencyTypes": sorted(l2.VALID_DEPENDENCY_TYPES),
        "runtimeProfiles": {
            "registered": sorted(REGISTERED_RUNTIME_PROFILES),
            "consumerAttached": sorted(CONSUMER_ATTACHED_RUNTIME_PROFILES),
        },
        "routing": {
            "payloadTypeMatch": l10_op.PAYLOAD_TYPE_MATCH,
            "commandCategory": l10_cmd.COMMAND_CATEGORY,
            "messageCategories": [c.value for c in EnumMessageCategory],
        },
        "topics": {
            "suffixPattern": l9.TOPIC_SUFFIX_PATTERN.pattern,
            "prefix": l9.TOPIC_PREFIX,
            "kinds": sorted(l9.VALID_TOPIC_KINDS),
            "envPrefixes": sorted(l9.ENV_PREFIXES),
            "kebabPattern": l9.KEBAB_CASE_PATTERN.pattern,
            "versionPattern": l9.VERSION_PATTERN.pattern,
            "segmentCount": l9.EXPECTED_SEGMENT_COUNT,
            "lint": {
                "kinds": sorted(l8._VALID_KINDS),
                "segmentPattern": l8._VALID_SEGMENT_PATTERN.pattern,
                "producerPattern": l8._VALID_PRODUCER_PATTERN.pattern,
                "versionPattern": l8._VALID_VERSION_PATTERN.pattern,
                "knownProducers": sorted(l8._KNOWN_PRODUCERS),
                "knownSnapshotProducers": sorted(l8._KNOWN_SNAPSHOT_PRODUCERS),
                "eventSectionKeys": list(l8._EVENT_SECTION_KEYS),
                "eventBusSectionKeys": list(l8._EVENT_BUS_SECTION_KEYS),
            },
        },
        "enumNodeTypes": [e.value for e in EnumNodeType],
    }
    return root


def bridge() -> dict[str, Any]:
    from omnibase_core.models.contracts.model_yaml_contract import ModelYamlContract

    root = _model_schema(ModelYamlContract)
    # validate_node_type matches a string to an EnumNodeType name or value, ignoring case.
    root["definitions"]["EnumNodeType"]["x-onex-caseInsensitive"] = True
    root["x-onex"] = {
        "era": "bridge",
        "requiredFields": list(root.get("required", [])),
        "nodeTypes": list(root["definitions"]["EnumNodeType"]["enum"]),
    }
    return root


def main() -> int:
    core = _version("omnibase-core") or _version("omnibase_core")
    if core is None:
        raise SystemExit(f"{GENERATOR}: omnibase-core is not installed in this environment")
    era = "bridge" if tuple(int(p) for p in re.findall(r"\d+", core)[:2]) < (0, 6) else "today"
    schema = today() if era == "today" else bridge()
    versions = {d: v for d in ("omnibase-core", "omnibase-infra", "omnibase-spi", "pydantic")
                if (v := _version(d)) is not None}
    era_title = "today's framework" if era == "today" else "the bridge era"
    out = {
        "$schema": SCHEMA_DRAFT,
        "$comment": f"Generated by {GENERATOR} from {', '.join(f'{k} {v}' for k, v in versions.items())}; "
                    "do not edit (the unit tests regenerate it and fail when it is stale).",
        "title": f"ONEX contract.yaml ({era_title}: omnibase-core {versions['omnibase-core']})",
        **{k: v for k, v in schema.items() if k not in ("title", "$schema")},
    }
    out["x-onex"]["generatedFrom"] = versions
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
