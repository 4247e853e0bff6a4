"""The real framework's verdict on code written by ONEX Forge's completion items (snippets).

    python snippets_harness.py today|bridge SPEC.json

Runs inside the era's environment (scripts/python-env): every module of SPEC imports; then

- today: each handler package's contract-bound handler is def-B by omnibase_core's own classifier
  (scripts/ci/canonical_handler_shape.py of its source distribution); the handler, built the way
  the runtime builds it (with the real ModelONEXContainer when it takes one), handles a request:
  it returns the kind's ModelHandlerOutput with the request's correlation id, or raises the typed
  infra error chained to the OSError it caught; each template node.py passes the declarative-node
  gate (omnibase_infra's validator);
- bridge: each node class constructs on a real ModelONEXContainer, and the SPEC's calls on it
  (its helper methods, its lifecycle) run.

Writes {module: {"ok": bool, "detail": str}} to SPEC's `out`.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import sys
import traceback
import warnings
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from uuid import uuid4

from today_conformance import load_script  # the harness beside this one (the script's folder is on sys.path)

warnings.simplefilter("ignore")


def today_handler(entry: dict[str, Any], spec: dict[str, Any]) -> str:
    from omnibase_core.models.container.model_onex_container import ModelONEXContainer
    from omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput
    from omnibase_infra.errors import InfraConnectionError

    shape = load_script(Path(spec["sdist_core"]) / "scripts/ci/canonical_handler_shape.py", "canonical_handler_shape")
    shape.SRC_ROOT = Path(spec["src"])
    finding = shape.classify_node(Path(entry["contract"]))
    assert finding.category == "canonical", f"{finding.category}: {finding.detail}"

    module = importlib.import_module(entry["module"])
    handler_class = getattr(module, entry["handler"])
    takes_container = "container" in inspect.signature(handler_class.__init__).parameters
    handler = handler_class(ModelONEXContainer()) if takes_container else handler_class()
    request = getattr(module, entry["request"])(correlation_id=uuid4())
    if entry["expect"] == "infra-error":
        try:
            asyncio.run(handler.handle(request))
        except InfraConnectionError as error:
            assert isinstance(error.__cause__, OSError), f"cause {error.__cause__!r}"
            assert error.correlation_id == request.correlation_id, "the request's correlation id"
            return f"{finding.detail}; raised {error!s} from {type(error.__cause__).__name__}"
        raise AssertionError("no InfraConnectionError")
    output = asyncio.run(handler.handle(request))
    assert isinstance(output, ModelHandlerOutput), repr(output)
    assert output.node_kind.name == entry["kind"].upper(), output.node_kind
    assert output.correlation_id == request.correlation_id
    return f"{finding.detail}; {output.node_kind.name} output"


def today_template(entry: dict[str, Any], spec: dict[str, Any]) -> str:
    from omnibase_core.models.container.model_onex_container import ModelONEXContainer
    from omnibase_infra.validation.validator_declarative_node import validate_declarative_node_in_file

    violations = validate_declarative_node_in_file(Path(entry["file"]))
    assert not violations, [str(v) for v in violations]
    module = importlib.import_module(entry["module"])
    node = getattr(module, entry["node"])(ModelONEXContainer())
    return f"declarative; constructs {type(node).__name__}"


def bridge_node(entry: dict[str, Any], spec: dict[str, Any]) -> str:
    from omnibase_core.models.container.model_onex_container import ModelONEXContainer

    module = importlib.import_module(entry["module"])
    container = ModelONEXContainer()
    container.config.from_dict(entry.get("config", {}))
    node = getattr(module, entry["node"])(container)
    for call in entry.get("calls", []):
        result = eval(call, {"node": node, "asyncio": asyncio, "SimpleNamespace": SimpleNamespace, "uuid4": uuid4})  # noqa: S307
        if inspect.iscoroutine(result):
            asyncio.run(result)
    return f"constructs {type(node).__name__}; ran {len(entry.get('calls', []))} calls"


def main() -> int:
    era, spec_path = sys.argv[1], Path(sys.argv[2])
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    sys.path.insert(0, spec["src"])
    checks = {"handler": today_handler, "template": today_template, "node": bridge_node}
    results: dict[str, dict[str, Any]] = {}
    for entry in spec["entries"]:
        try:
            detail = checks[entry["check"]](entry, spec)
            results[entry["id"]] = {"ok": True, "detail": detail}
        except BaseException as error:  # noqa: BLE001 - every failure is reported, none stops the run
            results[entry["id"]] = {"ok": False, "detail": "".join(traceback.format_exception(error))[-4000:]}
    Path(spec["out"]).write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"{era}: {sum(r['ok'] for r in results.values())} of {len(results)} ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
