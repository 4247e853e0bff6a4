# SPDX-License-Identifier: MIT
"""The framework's own verdict on contract.yaml files, for ONEX Forge's agreement tests.

Run inside today's framework environment (omnibase-core 0.46.8 / omnibase-infra 0.38.x):

    python verdict.py [--infra-sdist DIR] CONTRACT.yaml...

For each file, runs every contract loader and gate of current-era.md §2.1 that can run on one
file, exactly as infra's pre-commit hooks and CI call them, and prints one JSON object:
{"versions": {...}, "files": {path: [{"check": ..., "severity": ..., "field": ..., "message": ...,
"baselined": bool}]}}. Nothing here re-implements a check: each finding comes from the
framework's own function. Checks that keep a baseline of known violations (topic names, mixed
categories, runtime profiles, dispatch entrypoints) report every violation, marked
`baselined` when infra's baseline lists it.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import logging
import sys
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)

import yaml  # noqa: E402


def _load_script(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _package_root(contract: Path) -> Path | None:
    """The folder the contract's package is imported from.

    The contract's own module names say it where they name the contract's folder (a namespace package on
    the way, such as a `nodes/` without __init__.py, is then found too); else the folders with an
    __init__.py above the contract.
    """
    folder = contract.resolve().parent
    try:
        data = yaml.safe_load(contract.read_text(encoding="utf-8"))
    except Exception:
        data = None
    for key in ("input_model", "output_model"):
        model = data.get(key) if isinstance(data, dict) else None
        module = model.get("module") if isinstance(model, dict) else None
        if not isinstance(module, str):
            continue
        parts = module.split(".")
        for n in range(len(parts), 0, -1):
            if folder.parts[-n:] == tuple(parts[:n]):
                return folder.parents[n - 1]
    top = folder
    while (top.parent / "__init__.py").is_file():
        top = top.parent
    return top.parent if (top / "__init__.py").is_file() else None


def _import_from(contract: Path) -> None:
    """Make the contract's own package importable (first on sys.path), forgetting an earlier copy of it."""
    found = _package_root(contract)
    if found is None or "site-packages" in found.parts:
        return
    top = contract.resolve().parent.relative_to(found).parts[0]
    root = str(found)
    if root in sys.path:
        sys.path.remove(root)
    sys.path.insert(0, root)
    for name in [m for m in sys.modules if m == top or m.startswith(top + ".")]:
        del sys.modules[name]
    importlib.invalidate_caches()


def _default_sdist() -> Path:
    version = importlib.metadata.version("omnibase-infra")
    # scripts/python-env/setup.sh unpacks the framework's source distributions into the venv's sdist/.
    candidate = Path(sys.prefix) / "sdist" / f"omnibase_infra-{version}"
    if not candidate.is_dir():
        raise SystemExit(f"omnibase_infra-{version} sdist not found at {candidate} (pass --infra-sdist)")
    return candidate


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--infra-sdist", type=Path, default=None)
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args()
    sdist = args.infra_sdist or _default_sdist()

    from omnibase_core.validation.validator_contracts import validate_yaml_file
    from omnibase_core.validators import (
        command_category_requires_event_model as l10_cmd,
        operation_match_requires_operation as l10_op,
    )
    from omnibase_core.validation.validator_runtime_profiles import ValidatorRuntimeProfiles
    from omnibase_core.validation.validator_topic_suffix import validate_topic_suffix
    from omnibase_infra.validation.linter_contract import ContractLinter
    from omnibase_infra.runtime.auto_wiring.discovery import discover_contracts_from_paths
    from omnibase_infra.validators import handler_routing_schema as l4
    from omnibase_infra.validators import mixed_category_routing as l5
    from omnibase_infra.validators import handler_dispatch_entrypoint as l6

    l7 = _load_script(sdist / "scripts/validation/check_published_events_consistency.py", "l7")
    l8 = _load_script(sdist / "scripts/validation/lint_topic_names.py", "l8")
    topic_baseline = l8._load_baseline(sdist / "scripts/validation/topic_naming_baseline.txt")
    mixed_baseline = l5.load_baseline(sdist / "config/validation/mixed_category_routing_baseline.yaml")
    entry_baseline = l6.load_baseline(sdist / "config/validation/handler_dispatch_entrypoint_baseline.yaml")
    profiles = ValidatorRuntimeProfiles(
        allowlist_path=sdist / "config/validation/runtime_profiles_allowlist.yaml"
    )
    # The same linter settings as phase 2 of infra's `scripts/validate.py contracts`.
    linter = ContractLinter(check_imports=True, strict_mode=False, check_dependencies=False)

    out: dict[str, list[dict[str, object]]] = {}
    for path in args.paths:
        found: list[dict[str, object]] = []
        _import_from(path)

        def add(check: str, severity: str, message: str, field: str = "", baselined: bool = False) -> None:
            found.append({"check": check, "severity": severity, "field": field,
                          "message": message, "baselined": baselined})

        # L1: ModelYamlContract through validate_yaml_file (phase 1 of validate.py contracts).
        try:
            for error in validate_yaml_file(path):
                add("L1", "error", error)
        except Exception as exc:  # an invalid node_type raises instead of returning
            add("L1", "error", f"{type(exc).__name__}: {exc}")
        # L2: infra ContractLinter.
        for v in linter.lint_file(path).violations:
            add("L2", v.severity.value.lower(), v.message, v.field_path)
        # L3: runtime discovery (its message does not say when the cause is a YAML error: say so).
        try:
            yaml.safe_load(path.read_text(encoding="utf-8"))
            unparsable = ""
        except yaml.YAMLError:
            unparsable = "YAML parse error: "
        manifest = discover_contracts_from_paths([path])
        for error in manifest.errors:
            add("L3", "error", unparsable + error.error)
        # L4: nested handler mapping on every routing entry.
        for f in l4.validate_file(path):
            add("L4", "error", f.format(), f"handler_routing.handlers[{f.handler_index}]")
        # L5: one message category per entry (baseline: known mixed entries).
        for f in l5.mixed_category_findings(manifest.contracts):
            add("L5", "error", f"{f.handler}/{f.operation}: {'+'.join(f.categories)}",
                baselined=f.key in mixed_baseline)
        # L6: a dispatch entrypoint on every declared handler (imports the handler). On a file that
        # does not parse the gate itself crashes: nothing to report.
        if path.name == "contract.yaml" and not unparsable:
            name = str((yaml.safe_load(path.read_text()) or {}).get("name") or path.parent.name)
            declared = [d for d in l6.declared_handlers(path.parent) if d.contract == name]
            for key in sorted(l6.entrypointless(declared)):
                add("L6", "error", f"{key[1]} has no handle/handle_async", baselined=key in entry_baseline)
        # L7: published_events topics declared in event_bus.publish_topics.
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except Exception:
            data = None
        if isinstance(data, dict):
            try:
                l7.check_contract_consistency(data, str(path))
            except l7.ContractConsistencyError as exc:
                add("L7", "error", str(exc))
            # L8: topic naming (infra's hook, with its baseline).
            for raw in l8._extract_raw_topics_from_contract(data):
                result = l8.lint_topic(raw)
                for violation in result.violations:
                    add("L8", "error", violation, baselined=any(t in violation for t in topic_baseline))
            # L9: core's validate_topic_suffix on the event_bus topics.
            bus = data.get("event_bus")
            if isinstance(bus, dict):
                for key in ("subscribe_topics", "publish_topics"):
                    topics = bus.get(key)
                    for topic in topics if isinstance(topics, list) else []:
                        if isinstance(topic, str):
                            r = validate_topic_suffix(topic)
                            if not r.is_valid:
                                add("L9", "error", f"{topic}: {r.error}", f"event_bus.{key}")
        # L10: operation on operation-routed entries; event_model on command entries.
        for f in l10_op.validate_file(path):
            add("L10-operation", "error", f.format(), f"handler_routing.handlers[{f.handler_index}]")
        for f in l10_cmd.validate_file(path):
            add("L10-event-model", "error", f.format(), f"handler_routing.handlers[{f.handler_index}]")
        # L11: runtime profiles (infra's allowlist, as its hook passes it).
        if path.name == "contract.yaml":
            for issue in profiles.validate([path]).issues:
                add("L11", "error", issue.message, str(issue.code))
            unlisted = ValidatorRuntimeProfiles(allowlist=set())
            listed = {str(i.code) for i in profiles.validate([path]).issues}
            for issue in unlisted.validate([path]).issues:
                if str(issue.code) not in listed:
                    add("L11", "error", issue.message, str(issue.code), baselined=True)
        out[str(path)] = found

    versions = {d: importlib.metadata.version(d) for d in ("omnibase-core", "omnibase-infra", "omnibase-spi")}
    json.dump({"versions": versions, "sdist": str(sdist), "files": out}, sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
