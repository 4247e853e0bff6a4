# SPDX-License-Identifier: MIT
"""The bridge era's verdict on contract.yaml files: omnibase_core 0.1.0's
omnibase_core.validation.contracts.validate_yaml_file (ModelYamlContract), run in the bridge venv.

    python bridge_verdict.py CONTRACT.yaml...   ->   {"versions": {...}, "files": {path: [error, ...]}}
"""
from __future__ import annotations

import importlib.metadata
import json
import logging
import sys
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)


def main() -> int:
    from omnibase_core.validation.contracts import validate_yaml_file

    out = {}
    for arg in sys.argv[1:]:
        try:
            out[arg] = validate_yaml_file(Path(arg))
        except Exception as exc:  # an invalid node_type raises from the validator
            out[arg] = [f"{type(exc).__name__}: {exc}"]
    json.dump({"versions": {"omnibase_core": importlib.metadata.version("omnibase_core")}, "files": out}, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
