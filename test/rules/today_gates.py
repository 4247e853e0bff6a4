"""Runs the framework's own gates behind today's rules (ONEX012-ONEX019) over a tree of node packages, in
today's framework environment, and prints what each gate reports, file by file, as JSON.

Usage: python today_gates.py SPEC.json   (SPEC: {"root": <project folder>, "src": <its src/>, "sdist": {"core": …, "infra": …}})

Each gate is called as its repository runs it, or through the functions its CLI calls where the CLI only
works inside its repository (as test/conformance/today_conformance.py does):
  declarative       omnibase_infra.validation.validator_declarative_node.validate_declarative_node_in_file (node.py files)
  consul_pygrep     the `no-consul-references` hook's pattern, read from infra's .pre-commit-config.yaml, over src/
  consul_imports    infra's tests/unit/test_no_consul_imports.py: TestNoConsulImports._extract_imports
  env_contract      omnibase_core.validators.contract_config_compliance.validate_file (handlers/ files)
  env_fallback      omnibase_core.cli.substrate_gates.env_silent_fallback.EnvSilentFallbackGate
  endpoint_fallback infra's scripts/validate_no_env_fallbacks.py: scan_python_file
  handler_di        omnibase_core.validators.handler_di_gate.validate_file
  io_outside        omnibase_core.nodes.node_no_io_outside_effects_check_compute (its COMPUTE handler)
  utcnow            omnibase_core.nodes.node_no_utcnow_check_compute (its COMPUTE handler)
  utcnow_ruff       ruff check --select DTZ003 (the rule infra's CI runs with its configuration)
  canonical         core's scripts/ci/canonical_handler_shape.py: classify_node, one contract at a time
and the framework's constants today's rules repeat (contract_config_compliance.INFRA_ALLOWLIST).
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any


def load_script(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def rel(path: Path | str, root: Path) -> str:
    return Path(path).resolve().relative_to(root).as_posix()


def line_of(location: str) -> int:
    return int(location.rsplit(":", 1)[1])


def main() -> int:
    spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    root = Path(spec["root"]).resolve()
    src = Path(spec["src"]).resolve()
    core, infra = Path(spec["sdist"]["core"]), Path(spec["sdist"]["infra"])
    py_files = sorted(p for p in src.rglob("*.py") if "__pycache__" not in p.parts)
    contracts = sorted(src.rglob("contract.yaml"))
    out: dict[str, Any] = {}

    def add(gate: str, path: Path | str, line: int, detail: str = "") -> None:
        out.setdefault(gate, {}).setdefault(rel(path, root), []).append([line, detail])

    # declarative (DECL-001..007), node.py files only
    from omnibase_infra.validation import validator_declarative_node as decl

    for path in py_files:
        if path.name != "node.py":
            continue
        for v in decl.validate_declarative_node_in_file(path):
            add("declarative", path, v.line_number, decl._VIOLATION_TO_RULE_ID[v.violation_type])

    # consul: the hook's pygrep (its pattern as infra's configuration writes it) and the unit test's import scan
    import yaml

    hooks = yaml.safe_load((infra / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    consul_hook = next(h for repo in hooks["repos"] for h in repo.get("hooks", []) if h.get("id") == "no-consul-references")
    pattern = re.compile(consul_hook["entry"])
    test_module = load_script(infra / "tests/unit/test_no_consul_imports.py", "test_no_consul_imports")
    extractor = test_module.TestNoConsulImports()
    for path in py_files:
        text = path.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            if pattern.search(line):
                add("consul_pygrep", path, n)
        for module in extractor._extract_imports(text):
            if module == "consul" or module.startswith("consul."):
                add("consul_imports", path, 0, module)

    # environment reads: core's contract_config_compliance and substrate env_silent_fallback
    from omnibase_core.cli.substrate_gates.env_silent_fallback import EnvSilentFallbackGate
    from omnibase_core.validators import contract_config_compliance as ccc

    for path in py_files:
        for f in ccc.validate_file(path):
            add("env_contract", path, f.line, f.rule)
    for v in EnvSilentFallbackGate().run(py_files):
        add("env_fallback", v.path, v.line)

    # localhost / private-IP fallbacks: infra's script's own scanner (its main() takes only infra's files)
    fallbacks = load_script(infra / "scripts/validate_no_env_fallbacks.py", "validate_no_env_fallbacks")
    for path in py_files:
        for n, _line in fallbacks.scan_python_file(path):
            add("endpoint_fallback", path, n)

    # handler DI gate
    from omnibase_core.validators import handler_di_gate

    for path in py_files:
        for f in handler_di_gate.validate_file(path):
            add("handler_di", path, f.line, f.rule)

    # I/O outside effects and utcnow: the COMPUTE handlers the hooks run, over (path, source) pairs
    from omnibase_core.models.nodes.no_io_outside_effects_check.model_no_io_outside_effects_check_input import (
        ModelNoIoOutsideEffectsCheckInput,
    )
    from omnibase_core.models.nodes.no_utcnow_check.model_no_utcnow_check_input import ModelNoUtcnowCheckInput
    from omnibase_core.models.nodes.no_utcnow_check.model_source_file import ModelSourceFile
    from omnibase_core.nodes.node_no_io_outside_effects_check_compute.handler import NodeNoIoOutsideEffectsCheckCompute
    from omnibase_core.nodes.node_no_utcnow_check_compute.handler import NodeNoUtcnowCheckCompute

    sources = [ModelSourceFile(path=str(p), source=p.read_text(encoding="utf-8")) for p in [*contracts, *py_files]]
    for finding in NodeNoIoOutsideEffectsCheckCompute().handle(ModelNoIoOutsideEffectsCheckInput(files=sources)).findings:
        path, _, line = finding.location.rpartition(":")
        add("io_outside", path, int(line), finding.message.split(" — ", 1)[-1].split(";")[0])
    py_sources = [s for s in sources if s.path.endswith(".py")]
    for finding in NodeNoUtcnowCheckCompute().handle(ModelNoUtcnowCheckInput(files=py_sources)).findings:
        path, _, line = finding.location.rpartition(":")
        add("utcnow", path, int(line))
    ruff = subprocess.run(
        ["ruff", "check", "--isolated", "--no-cache", "--select", "DTZ003", "--output-format", "json", *map(str, py_files)],
        capture_output=True, text=True, check=False, cwd=root,
    )
    for item in json.loads(ruff.stdout or "[]"):
        if Path(item["filename"]).resolve().is_relative_to(root):
            add("utcnow_ruff", item["filename"], item["location"]["row"])

    # canonical handler shape, node by node
    shape = load_script(core / "scripts/ci/canonical_handler_shape.py", "canonical_handler_shape")
    shape.SRC_ROOT = src
    for contract in contracts:
        finding = shape.classify_node(contract)
        out.setdefault("canonical", {})[rel(contract.parent, root)] = [finding.category, finding.detail or ""]

    out["constants"] = {"INFRA_ALLOWLIST": sorted(ccc.INFRA_ALLOWLIST)}
    print(json.dumps(out, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
