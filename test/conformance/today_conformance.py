"""Conformance of scaffolded node packages with today's real ONEX framework.

Runs inside the `today` environment (omnibase-core 0.46.8, omnibase-infra 0.38.x):
every check below calls the framework's own loaders, validators, runtime and gates
(installed packages, and the scripts of their source distributions). Nothing of the
framework is copied or stood in for; the only stand-ins are the message bus (a
MagicMock of ProtocolEventBusLike, as omnibase_infra's own wiring tests use) and,
in the generated effect's tests, its outside store.

    python today_conformance.py FAMILY SPEC.json

FAMILY is one of `runtime`, `gates` (or both: `checks`), `lint`, `pytest`, or `all`
(checks, lint and pytest side by side): one process per family runs its checks over
every package of SPEC (a JSON object with `packages`, `sdist`,
`out` and `mypy_cache`) and writes {package id: {check: {"ok": bool, "detail": str}}}
to SPEC's `out` file.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import importlib.util
import io
import json
import re
import runpy
import subprocess
import sys
import time
import traceback
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

warnings.simplefilter("ignore")

Result = dict[str, object]
Results = dict[str, dict[str, Result]]


def ok(detail: str = "") -> Result:
    return {"ok": True, "detail": detail}


def fail(detail: str) -> Result:
    return {"ok": False, "detail": detail[-6000:]}


@contextlib.contextmanager
def captured() -> Iterator[io.StringIO]:
    """Captures what a framework check prints (stdout and stderr) into one buffer."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        yield buffer


def run_main(call: Callable[[], object]) -> tuple[int, str]:
    """Runs a check's `main` as its command line would: exit status and output."""
    with captured() as out:
        try:
            status = call()
        except SystemExit as e:
            status = e.code
        except Exception:  # noqa: BLE001 - a crashing check is a failing check
            traceback.print_exc()
            status = 99
    # main() returns an exit status, or (some scripts) True for success.
    if status is None or status is True:
        code = 0
    elif isinstance(status, int) and not isinstance(status, bool):
        code = status
    else:
        code = 1
    return code, out.getvalue()


def load_script(path: Path, name: str) -> ModuleType:
    """Imports a script of a source distribution (scripts/ is not in the wheels)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def package_files(pkg: dict[str, Any]) -> list[Path]:
    """Every file the scaffold wrote for the package: the package and its tests."""
    files = sorted(p for p in Path(pkg["package_dir"]).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    tests = Path(pkg["tests_dir"])
    files += sorted(p for p in tests.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p not in files)
    return files


def check_each(pkg: dict[str, Any], results: dict[str, Result], name: str, fn: Callable[[], Result]) -> None:
    started = time.perf_counter()
    try:
        with captured() as out:
            result = fn()
        if not result["ok"] and out.getvalue().strip():
            result = fail(f"{result['detail']}\n--- output ---\n{out.getvalue()}")
    except Exception:  # noqa: BLE001 - a crash is reported as the check's failure
        result = fail(traceback.format_exc())
    result["seconds"] = round(time.perf_counter() - started, 3)
    results[name] = result


# --------------------------------------------------------------------------------------
# Family "runtime": checks 1-3 (imports and construction, contract loaders, wiring)
# --------------------------------------------------------------------------------------


def module_names(pkg: dict[str, Any]) -> list[str]:
    base = Path(pkg["package_dir"])
    names = []
    for path in sorted(base.rglob("*.py")):
        rel = path.relative_to(base).with_suffix("")
        parts = [p for p in rel.parts if p != "__init__"]
        if parts and parts[0] == "tests":
            continue  # the tests import under pytest (check 4)
        names.append(".".join([pkg["module"], *parts]))
    return names


def runtime_checks(pkg: dict[str, Any], sdist: dict[str, str]) -> dict[str, Result]:
    results: dict[str, Result] = {}
    contract = Path(pkg["package_dir"]) / "contract.yaml"
    package_dir = Path(pkg["package_dir"])

    def imports() -> Result:
        names = module_names(pkg)
        for name in names:
            importlib.import_module(name)
        return ok(f"{len(names)} modules imported")

    def constructs() -> Result:
        from omnibase_core.models.container.model_onex_container import ModelONEXContainer

        module = importlib.import_module(pkg["module"])
        exported = getattr(module, "__all__", [])
        if len(exported) != 1:
            return fail(f"the package exports {exported!r}, not one node class")
        node = getattr(module, exported[0])(ModelONEXContainer())
        return ok(f"{type(node).__name__} built on ModelONEXContainer()")

    def yaml_contract() -> Result:
        from omnibase_core.validation.validator_contracts import validate_yaml_file

        errors = validate_yaml_file(contract)
        return ok() if not errors else fail("\n".join(errors))

    def linter() -> Result:
        from omnibase_infra.validation.linter_contract import ContractLinter

        result = ContractLinter(check_imports=True).lint_file(contract)
        issues = [v for v in result.violations if str(getattr(v.severity, "value", v.severity)).lower() in ("error", "warning")]
        if issues:
            return fail("\n".join(f"{v.severity}: {v.field_path}: {v.message}" for v in issues))
        return ok(f"{len(result.violations)} info-level notes")

    def discovery() -> Result:
        from omnibase_infra.runtime.auto_wiring.discovery import discover_contracts_from_paths

        manifest = discover_contracts_from_paths([contract])
        if manifest.errors or len(manifest.contracts) != 1:
            return fail(f"errors={manifest.errors!r} contracts={len(manifest.contracts)}")
        found = manifest.contracts[0]
        handlers = found.handler_routing.handlers if found.handler_routing else ()
        if len(handlers) != 1:
            return fail(f"{len(handlers)} routed handlers")
        return ok(f"{found.name}: {handlers[0].handler.name} for {handlers[0].operation}")

    def routing_schema() -> Result:
        from omnibase_infra.validators import handler_routing_schema

        code, out = run_main(lambda: handler_routing_schema.main([str(contract)]))
        return ok(out.strip()) if code == 0 else fail(out)

    def mixed_category() -> Result:
        # The gate's own scan; its main() adds infra-repo specifics (a vacuity guard of at
        # least 60 contracts and infra's frozen baseline) that have no meaning here.
        from omnibase_infra.validators.mixed_category_routing import scan

        findings, count = scan(package_dir)
        if count != 1:
            return fail(f"scanned {count} contracts")
        return ok("1 contract, no mixed-category entry") if not findings else fail(repr(findings))

    def dispatch_entrypoint() -> Result:
        from omnibase_infra.validators.handler_dispatch_entrypoint import declared_handlers, entrypointless

        handlers = declared_handlers(package_dir)
        if len(handlers) != 1:
            return fail(f"{len(handlers)} declared handlers")
        missing = entrypointless(handlers)
        return ok(f"{handlers[0].key}") if not missing else fail(f"no handle()/handle_async(): {missing}")

    def published_events() -> Result:
        script = load_script(Path(sdist["infra"]) / "scripts/validation/check_published_events_consistency.py", "check_published_events_consistency")
        code, out = run_main(lambda: script.main(str(package_dir)))
        return ok(out.strip()) if code == 0 else fail(out)

    def topic_names() -> Result:
        import yaml
        from omnibase_core.validation.validator_topic_suffix import validate_topic_suffix

        data = yaml.safe_load(contract.read_text(encoding="utf-8"))
        topics = [*data["event_bus"].get("subscribe_topics", []), *data["event_bus"].get("publish_topics", [])]
        topics += [e["topic"] for e in data.get("published_events", [])]
        topics += [h["topic"] for h in data["handler_routing"]["handlers"] if "topic" in h]
        bad = []
        for topic in topics:
            result = validate_topic_suffix(topic)
            if not result.is_valid:
                bad.append(f"{topic}: {result.error}")
        return ok(", ".join(sorted(set(topics)))) if not bad else fail("\n".join(bad))

    def runtime_profiles() -> Result:
        from omnibase_core.validation.validator_runtime_profiles import ValidatorRuntimeProfiles

        result = ValidatorRuntimeProfiles().validate(package_dir)
        issues = [f"[{i.severity.value}] {i.file_path}:{i.line_number}: {i.message}" for i in result.issues]
        return ok() if result.is_valid and not issues else fail("\n".join(issues) or "invalid")

    def operation_required() -> Result:
        from omnibase_core.validators import operation_match_requires_operation

        code, out = run_main(lambda: operation_match_requires_operation.main([str(contract)]))
        return ok(out.strip()) if code == 0 else fail(out)

    def command_event_model() -> Result:
        from omnibase_core.validators import command_category_requires_event_model

        code, out = run_main(lambda: command_category_requires_event_model.main([str(contract)]))
        return ok(out.strip()) if code == 0 else fail(out)

    def node_type_probe() -> Result:
        script = load_script(Path(sdist["infra"]) / "scripts/batch_validate_node_contracts.py", "batch_validate_node_contracts")
        passed, failed, failures = script.run_batch_validation(package_dir)
        if passed == 1 and failed == 0:
            return ok()
        return fail(f"passed={passed} failed={failed} {failures}")

    def wiring() -> Result:
        return asyncio.run(wire_and_dispatch(pkg, contract))

    for name, fn in [
        ("imports", imports),
        ("constructs", constructs),
        ("contract:validate_yaml_file", yaml_contract),
        ("contract:ContractLinter", linter),
        ("contract:discover_contracts_from_paths", discovery),
        ("contract:handler_routing_schema", routing_schema),
        ("contract:mixed_category_routing", mixed_category),
        ("contract:handler_dispatch_entrypoint", dispatch_entrypoint),
        ("contract:published_events_consistency", published_events),
        ("contract:validate_topic_suffix", topic_names),
        ("contract:ValidatorRuntimeProfiles", runtime_profiles),
        ("contract:operation_match_requires_operation", operation_required),
        ("contract:command_category_requires_event_model", command_event_model),
        ("contract:batch_validate_node_contracts", node_type_probe),
        ("runtime:wire_and_dispatch", wiring),
    ]:
        check_each(pkg, results, name, fn)
    return results


# A valid payload per kind, for a message to the node's subscribed topic; and what the
# dispatch must give back (the kind's output, as the runtime collects it).
SAMPLES: dict[str, dict[str, object]] = {
    "effect": {"key": "order-42", "payload": '{"amount": 42}'},
    "compute": {"values": [3.0, 1.0, 2.0]},
    "reducer": {"key": "sku-7", "amount": 2.5},
    "orchestrator": {"items": ["a", "b", "a", "c"]},
}


class RecordingStore:
    """Stands in for the effect's outside store (a third-party service)."""

    def __init__(self) -> None:
        self.writes: list[tuple[str, str]] = []

    async def connect(self) -> None:
        return None

    async def write(self, key: str, payload: str) -> str:
        self.writes.append((key, payload))
        return f"rev-{len(self.writes)}"


def model_class(ref: dict[str, str]) -> Any:
    """The class a contract's `{name, module}` reference names."""
    return getattr(importlib.import_module(ref["module"]), ref["name"])


async def wire_and_dispatch(pkg: dict[str, Any], contract: Path) -> Result:
    from unittest.mock import AsyncMock, MagicMock
    from uuid import uuid4

    from omnibase_core.models.container.model_onex_container import ModelONEXContainer
    from omnibase_core.models.events.model_event_envelope import ModelEventEnvelope
    from omnibase_infra.enums import EnumDispatchStatus
    from omnibase_infra.protocols.protocol_event_bus_like import ProtocolEventBusLike
    from omnibase_infra.runtime.auto_wiring.discovery import discover_contracts_from_paths
    from omnibase_infra.runtime.auto_wiring.handler_wiring import wire_from_manifest
    from omnibase_infra.runtime.message_dispatch_engine import MessageDispatchEngine

    import yaml

    data = yaml.safe_load(contract.read_text(encoding="utf-8"))
    kind = pkg["kind"]
    container = ModelONEXContainer()
    store = RecordingStore()
    if kind == "effect":
        (client,) = [d for d in data.get("dependencies", []) if d.get("type") == "protocol"]
        await container.service_registry.register_instance(
            interface=model_class({"name": client["class_name"], "module": client["module"]}), instance=store
        )
    # A spy on the node's own handler (never on the framework): what handle() received
    # and returned, since a reducer's projections do not come back in the result.
    handler_class = model_class(data["handler_routing"]["handlers"][0]["handler"])
    original = handler_class.handle
    seen: list[tuple[object, object]] = []

    @functools.wraps(original)  # the runtime reads handle()'s annotation through it
    async def spy(self: object, message: object) -> object:
        output = await original(self, message)
        seen.append((message, output))
        return output

    handler_class.handle = spy
    manifest = discover_contracts_from_paths([contract])
    bus = MagicMock(spec=ProtocolEventBusLike)
    bus.subscribe = AsyncMock(return_value=AsyncMock())
    engine = MessageDispatchEngine()
    try:
        report = await wire_from_manifest(manifest=manifest, dispatch_engine=engine, event_bus=bus, environment="local", container=container)
    finally:
        handler_class.handle = original
    if report.total_failed != 0:
        return fail(f"total_failed={report.total_failed}: {report.results!r}")
    engine.freeze()
    found = manifest.contracts[0]
    topic = found.event_bus.subscribe_topics[0]
    request_class = model_class(data["input_model"])
    correlation_id = uuid4()
    request = request_class(correlation_id=correlation_id, **SAMPLES[kind])
    envelope: Any = ModelEventEnvelope(payload=request, correlation_id=correlation_id)
    result = await engine.dispatch(topic=topic, envelope=envelope)
    if result.status != EnumDispatchStatus.SUCCESS:
        return fail(f"dispatch {result.status}: {result.error_message}")
    if len(seen) != 1 or seen[0][0] != request:
        return fail(f"handle() received {[m for m, _ in seen]!r}, expected the typed request once")
    output: Any = seen[0][1]
    if str(getattr(output.node_kind, "value", output.node_kind)).lower() != kind or output.correlation_id != correlation_id:
        return fail(f"handle() returned {output!r}")
    events = list(result.output_events)
    output_class = model_class(data["output_model"])
    if kind == "reducer":
        # Projections go to the contract's result applier, not into the engine's events.
        projections = list(output.projections)
        if events or len(projections) != 1 or not isinstance(projections[0], output_class):
            return fail(f"events={events!r} projections={projections!r}")
        return ok(f"wired ({report.total_wired}); dispatch SUCCESS; handle() -> 1 x {output_class.__name__} projection")
    if not events or not all(isinstance(e, output_class) and e.correlation_id == correlation_id for e in events):
        return fail(f"dispatch returned {events!r}, expected {output_class.__name__} with the correlation id")
    if kind == "effect" and store.writes != [("order-42", '{"amount": 42}')]:
        return fail(f"the store saw {store.writes!r}")
    return ok(f"wired ({report.total_wired}); dispatch SUCCESS -> {len(events)} x {output_class.__name__}")


# --------------------------------------------------------------------------------------
# Family "gates": check 5 (the framework's own checks on node code)
# --------------------------------------------------------------------------------------

# Hooks omnibase_core exports to the repositories that use it (.pre-commit-hooks.yaml)
# which apply to node code, run as pre-commit runs them: entry + args + the files the
# hook's `files` / `exclude` / `types` select, with the project's folder as cwd.
CORE_HOOKS = [
    "check-no-io-outside-effects",
    "check-no-env-fallbacks",
    "no-new-os-environ",
    "check-no-utcnow",
    "check-no-hardcoded-ip",
    "check-no-direct-kafka-producer",
    "check-no-raw-sqlite3",
    "check-localhost-url-compute",
    "check-private-ip-compute",
    "check-hardcoded-topics-v2",
    "handler-di-gate",
    "no-noncanonical-lifecycle-classes",
    "no-plugin-daemon-classes",
    "check-stub-implementations",
    "check-todo-fixme-marker-compute",
    "dispatched-contract-operation",
]

TYPE_SUFFIXES = {
    "python": (".py",),
    "yaml": (".yaml", ".yml"),
    "shell": (".sh",),
    "text": (".py", ".yaml", ".yml", ".sh", ".toml", ".md", ".txt"),
    "dockerfile": (),
}


def hook_files(hook: dict[str, Any], root: Path, files: list[Path]) -> list[str]:
    chosen = []
    types = hook.get("types") or []
    types_or = hook.get("types_or") or []
    for path in files:
        rel = path.relative_to(root).as_posix()
        if hook.get("files") and not re.search(hook["files"], rel):
            continue
        if hook.get("exclude") and re.search(hook["exclude"], rel):
            continue
        if types and not all(path.name.endswith(TYPE_SUFFIXES[t]) for t in types):
            continue
        if types_or and not any(path.name.endswith(TYPE_SUFFIXES[t]) for t in types_or):
            continue
        chosen.append(rel)
    return chosen


def run_hook(hook: dict[str, Any], root: Path, files: list[Path], sdist: dict[str, str]) -> Result:
    import os

    selected = hook_files(hook, root, files)
    if hook.get("pass_filenames", True) and not selected:
        return ok("no file of the package is in this hook's scope")
    entry = hook["entry"].split()
    args = [*(hook.get("args") or []), *(selected if hook.get("pass_filenames", True) else [])]
    previous = Path.cwd()
    os.chdir(root)
    argv = sys.argv
    try:
        if entry[:2] == ["python", "-m"]:
            sys.argv = [entry[2], *entry[3:], *args]
            code, out = run_main(lambda: runpy.run_module(entry[2], run_name="__main__", alter_sys=True))
        else:
            script = Path(sdist["core"]) / entry[0]
            sys.argv = [str(script), *entry[1:], *args]
            code, out = run_main(lambda: runpy.run_path(str(script), run_name="__main__"))
    finally:
        sys.argv = argv
        os.chdir(previous)
    summary = f"{len(selected)} files" if hook.get("pass_filenames", True) else "whole folder"
    return ok(f"{summary}: {out.strip()[-300:]}") if code == 0 else fail(f"exit {code} on {selected}\n{out}")


def gate_checks(pkg: dict[str, Any], sdist: dict[str, str], hooks: dict[str, dict[str, Any]]) -> dict[str, Result]:
    results: dict[str, Result] = {}
    root = Path(pkg["root"])
    package_dir = Path(pkg["package_dir"])
    files = package_files(pkg)
    py_files = [f for f in files if f.suffix == ".py"]

    def declarative() -> Result:
        script = load_script(Path(sdist["infra"]) / "scripts/validate.py", "infra_validate")
        from omnibase_infra.validation.validator_declarative_node import validate_declarative_node_in_file

        node_py = package_dir / "node.py"
        violations = validate_declarative_node_in_file(node_py)
        code, out = run_main(lambda: script.run_declarative_nodes(True, files=[str(node_py)]))
        if violations or code != 0:
            return fail(f"{[str(v) for v in violations]}\n{out}")
        return ok(out.strip())

    def canonical_shape() -> Result:
        script = load_script(Path(sdist["core"]) / "scripts/ci/canonical_handler_shape.py", "canonical_handler_shape")
        script.SRC_ROOT = Path(pkg["src"])
        finding = script.classify_node(package_dir / "contract.yaml")
        if finding.category != "canonical":
            return fail(f"{finding.category}: {finding.detail}")
        return ok(f"{finding.node_id}: canonical ({finding.detail})")

    def any_signature() -> Result:
        from omnibase_infra.validators import handler_any_signature

        code, out = run_main(lambda: handler_any_signature.main(["--max-violations", "0", str(package_dir)]))
        return ok(out.strip()) if code == 0 else fail(out)

    def infra_env_fallbacks() -> Result:
        # The script's own scanner: its main() only takes files inside omnibase_infra.
        script = load_script(Path(sdist["infra"]) / "scripts/validate_no_env_fallbacks.py", "validate_no_env_fallbacks")
        found = [f"{f}:{n}: {line}" for f in py_files for n, line in script.scan_python_file(f)]
        return ok(f"{len(py_files)} files") if not found else fail("\n".join(found))

    def extra_forbid() -> Result:
        # The gate's own scan of the package; its main() also fails on the expired
        # waivers of omnibase_core's own models that it bundles (see the report).
        from omnibase_core.validators.pydantic_extra_forbid import scan_paths

        findings = scan_paths([package_dir])
        bad = [f.format() for f in findings if f.is_violation]
        if not findings:
            return fail("no Pydantic model found")
        return ok(f"{len(findings)} models, all extra=\"forbid\"") if not bad else fail("\n".join(bad))

    def pygrep(pattern: str) -> Callable[[], Result]:
        # infra's `language: pygrep` hooks (no-consul-references, no-onex-env-reads).
        def run() -> Result:
            hits = [f"{f}:{n}: {line}" for f in py_files for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if re.search(pattern, line)]
            return ok(f"{len(py_files)} files") if not hits else fail("\n".join(hits))

        return run

    def spdx_project_header() -> Result:
        # The framework's own SPDX validator, with the header it expects set to the
        # project's holder and license (its constants hard-code OmniNode's; see below).
        from omnibase_core.cli import cli_spdx

        expected = f"# SPDX-FileCopyrightText: {pkg['spdx']['year']} {pkg['spdx']['holder']}"
        license_line = f"# SPDX-License-Identifier: {pkg['spdx']['license']}"
        saved = (cli_spdx.SPDX_COPYRIGHT_LINE, cli_spdx.SPDX_LICENSE_LINE)
        cli_spdx.SPDX_COPYRIGHT_LINE, cli_spdx.SPDX_LICENSE_LINE = expected, license_line
        try:
            eligible = [f for f in files if cli_spdx._is_eligible_file(f)]
            problems = [f"{f}: {p}" for f in eligible if (p := cli_spdx._validate_file(f))]
        finally:
            cli_spdx.SPDX_COPYRIGHT_LINE, cli_spdx.SPDX_LICENSE_LINE = saved
        if len(eligible) != len(files):
            return fail(f"files the validator does not cover: {sorted(set(files) - set(eligible))}")
        return ok(f"{len(eligible)} files") if not problems else fail("\n".join(problems))

    def spdx_as_shipped() -> Result:
        # `onex spdx validate` as shipped demands OmniNode's own line on every file; the
        # scaffold writes the project's holder instead, so every file must differ from it
        # in that one line and in nothing else.
        from click.testing import CliRunner
        from omnibase_core.cli.cli_spdx import SPDX_COPYRIGHT_LINE, SPDX_LICENSE_LINE, validate_cmd

        result = CliRunner().invoke(validate_cmd, [str(f) for f in files])
        holder_line = f"Line 1: Expected '{SPDX_COPYRIGHT_LINE}'"
        lines = [line for line in result.output.splitlines() if ": Line " in line or "Missing" in line]
        others = [line for line in lines if holder_line not in line]
        owner = pkg["spdx"]["holder"] == "OmniNode.ai Inc." and pkg["spdx"]["year"] == 2025
        if owner and result.exit_code == 0:
            return ok("OmniNode's own header: accepted as shipped")
        if others or len(lines) != len(files) or pkg["spdx"]["license"] != SPDX_LICENSE_LINE.split(": ")[1]:
            return fail(f"exit {result.exit_code}\n{result.output}")
        return ok(f"only the holder line differs, on {len(lines)} files (the validator hard-codes OmniNode's)")

    for name, fn in [
        ("gate:declarative_nodes", declarative),
        ("gate:canonical_handler_shape", canonical_shape),
        ("gate:handler_any_signature", any_signature),
        ("gate:validate_no_env_fallbacks", infra_env_fallbacks),
        ("gate:pydantic_extra_forbid", extra_forbid),
        ("gate:no-consul-references", pygrep(r"CONSUL_HOST|consul\.connect\.io|import consul|from consul")),
        ("gate:no-onex-env-reads", pygrep(r"os\.getenv\(|os\.environ")),
        ("gate:spdx_validate(project header)", spdx_project_header),
        ("gate:spdx_validate(as shipped)", spdx_as_shipped),
    ]:
        check_each(pkg, results, name, fn)
    for hook_id in CORE_HOOKS:
        check_each(pkg, results, f"hook:{hook_id}", lambda hook=hooks[hook_id]: run_hook(hook, root, files, sdist))
    return results


# --------------------------------------------------------------------------------------
# Family "lint": ruff and mypy with the framework's own configuration
# --------------------------------------------------------------------------------------


def lint_family(packages: list[dict[str, Any]], sdist: dict[str, str], mypy_cache: str) -> Results:
    config = str(Path(sdist["infra"]) / "pyproject.toml")
    results: Results = {p["id"]: {} for p in packages}
    roots: dict[str, list[dict[str, Any]]] = {}
    for pkg in packages:
        roots.setdefault(pkg["root"], []).append(pkg)

    def folders(pkg: dict[str, Any], root: str) -> list[str]:
        dirs = [Path(pkg["package_dir"]), Path(pkg["tests_dir"])]
        return [str(d) for d in dirs] + [d.relative_to(root).as_posix() for d in dirs]

    def mentions(line: str, pkg: dict[str, Any], root: str) -> bool:
        return any(line.startswith(f"{d}/") or f" {d}/" in line for d in folders(pkg, root))

    for root, group in roots.items():
        targets = sorted({Path(p[k]).relative_to(root).as_posix() for p in group for k in ("package_dir", "tests_dir")})
        targets = [t for t in targets if not any(t.startswith(f"{o}/") for o in targets)]
        # Run from the project's folder, as its CI does: ruff finds its package first party
        # there, and mypy resolves it from the folder (src/ through the config's mypy_path).
        for name, cmd in [
            ("lint:ruff check", ["ruff", "check", "--config", config, "--output-format", "concise", "--no-cache", *targets]),
            ("lint:ruff format --check", ["ruff", "format", "--check", "--config", config, "--no-cache", *targets]),
            ("lint:mypy --strict", ["mypy", "--strict", "--config-file", config, "--cache-dir", mypy_cache, "--no-error-summary", *targets]),
        ]:
            started = time.perf_counter()
            proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)
            seconds = round(time.perf_counter() - started, 3)
            lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
            for pkg in group:
                mine = [line for line in lines if mentions(line, pkg, root)]
                attributed = any(mentions(line, p, root) for p in group for line in lines)
                if proc.returncode == 0:
                    result = ok(f"exit 0 on {len(group)} packages")
                elif mine:
                    result = fail("\n".join(mine))
                elif attributed:
                    result = ok("clean (other packages of the run were reported)")
                else:
                    result = fail(f"exit {proc.returncode}\n" + "\n".join(lines[-40:]))
                results[pkg["id"]][name] = {**result, "seconds": seconds}
    return results


# --------------------------------------------------------------------------------------
# Family "pytest": check 4 (the generated tests, with the real framework)
# --------------------------------------------------------------------------------------


def pytest_family(packages: list[dict[str, Any]], out_dir: Path) -> Results:
    import os

    results: Results = {p["id"]: {} for p in packages}
    # One pytest over every root (a project, a bare folder): the framework is imported once.
    report = out_dir / "pytest.xml"
    report.unlink(missing_ok=True)
    env = dict(os.environ)
    # An installed project has its src/ on the path; a bare folder's tests/ is a package of the
    # node's, so pytest puts the folder above the node on the path itself.
    env["PYTHONPATH"] = os.pathsep.join(sorted({p["src"] for p in packages}))
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", *sorted({p["tests_dir"] for p in packages})]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=out_dir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, check=False)
    output = proc.stdout
    seconds = round(time.perf_counter() - started, 3)
    cases: list[tuple[str, str, str]] = []
    if report.exists():
        for case in ET.parse(report).getroot().iter("testcase"):
            outcome = "passed"
            detail = ""
            for tag in ("failure", "error", "skipped"):
                node = case.find(tag)
                if node is not None:
                    outcome = tag
                    detail = (node.get("message") or "") + "\n" + (node.text or "")
            cases.append((case.get("classname", "") + "::" + case.get("name", ""), outcome, detail))
    for pkg in packages:
        node = pkg["node"]
        mine = [c for c in cases if f"test_{node}_handler" in c[0] or f"test_{node}_wiring" in c[0]]
        bad = [c for c in mine if c[1] != "passed"]
        if not mine:
            results[pkg["id"]]["pytest"] = {**fail(f"no test collected (exit {proc.returncode})\n{output[-6000:]}"), "seconds": seconds}
        elif bad:
            results[pkg["id"]]["pytest"] = {**fail("\n".join(f"{n} {o}\n{d}" for n, o, d in bad)), "seconds": seconds}
        else:
            results[pkg["id"]]["pytest"] = {**ok(f"{len(mine)} passed"), "seconds": seconds, "tests": [c[0] for c in mine]}
    return results


# Side by side in `all`: the framework's Python checks (runtime, then gates: one import of the
# framework), the linters, and pytest.
FAMILIES = ("checks", "lint", "pytest")


def all_families(spec: dict[str, Any], spec_path: Path) -> Results:
    """Every family, each in its own process, side by side; their results merged."""
    runs = []
    for family in FAMILIES:
        sub = {**spec, "out": str(Path(spec["out"]).with_suffix(f".{family}.json"))}
        sub_path = spec_path.with_suffix(f".{family}.json")
        sub_path.write_text(json.dumps(sub), encoding="utf-8")
        Path(sub["out"]).unlink(missing_ok=True)
        proc = subprocess.Popen([sys.executable, __file__, family, str(sub_path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        runs.append((family, sub, proc))
    merged: Results = {p["id"]: {} for p in spec["packages"]}
    for family, sub, proc in runs:
        output, _ = proc.communicate()
        out = Path(sub["out"])
        if proc.returncode != 0 or not out.exists():
            for pkg in spec["packages"]:
                merged[pkg["id"]][f"family:{family}"] = fail(f"the {family} checks did not finish (exit {proc.returncode}):\n{output}")
            continue
        data = json.loads(out.read_text(encoding="utf-8"))
        for pkg_id, checks in data["results"].items():
            merged[pkg_id].update(checks)
        for pkg in spec["packages"]:
            merged[pkg["id"]][f"family:{family}"] = {**ok(f"{data['seconds']} s"), "seconds": data["seconds"]}
    return merged


def main() -> int:
    family, spec_path = sys.argv[1], Path(sys.argv[2])
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    packages: list[dict[str, Any]] = spec["packages"]
    sdist: dict[str, str] = spec["sdist"]
    for src in sorted({p["src"] for p in packages}):
        sys.path.insert(0, src)
    started = time.perf_counter()
    results: Results
    if family == "all":
        results = all_families(spec, spec_path)
    elif family in ("runtime", "gates", "checks"):
        import yaml

        hooks = {h["id"]: h for h in yaml.safe_load((Path(sdist["core"]) / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
        results = {p["id"]: {} for p in packages}
        for p in packages:
            if family in ("runtime", "checks"):
                results[p["id"]].update(runtime_checks(p, sdist))
            if family in ("gates", "checks"):
                results[p["id"]].update(gate_checks(p, sdist, hooks))
    elif family == "lint":
        results = lint_family(packages, sdist, spec["mypy_cache"])
    elif family == "pytest":
        results = pytest_family(packages, Path(spec["out"]).parent)
    else:
        sys.stderr.write(f"unknown family {family}\n")
        return 2
    Path(spec["out"]).write_text(json.dumps({"family": family, "seconds": round(time.perf_counter() - started, 3), "results": results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
