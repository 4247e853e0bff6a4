"""Constructs node classes in one framework environment, for the behaviour test (issue 19, point 5).

Reads a JSON list of jobs ``{"id", "text", "classes"}`` from the file named on the command line, and prints one
JSON line per job: ``{"id", "status": "ok" | "import-failed", "error"?, "classes": {"<name> (<mode>)": {"ok", "error"?}}}``.

Each job's text is executed as the module ``job_<n>.node`` of a package of its own, then each named class is
constructed with the framework's real container: in the bridge era omnibase_core 0.1.0's ModelONEXContainer
configured for health-check mode (``health_check_mode: True``) and as it comes (the default path), today a plain
ModelONEXContainer (today's framework has no health-check mode). The framework is never stood in for: a missing omnibase_core,
omnibase_spi or omnibase_infra module fails the import, as it would for the user. Everything outside it is:
imports of other packages (python-consul, aiokafka, the project's own relative imports, omninode_bridge) and
names the module uses without binding them get generated stand-ins — except the framework's own names
(NodeEffect, ModelOnexError, emit_log_event, ...), which are bound to the real ones.
"""

from __future__ import annotations

import abc
import asyncio
import builtins
import importlib
import importlib.abc
import importlib.machinery
import json
import os
import shutil
import signal
import sys
import tempfile
import types
from typing import Any
from unittest import mock

ERA = sys.argv[2] if len(sys.argv) > 2 else "today"
FRAMEWORK = ("omnibase_core", "omnibase_spi", "omnibase_infra")
TIMEOUT_SECONDS = 20

# The framework's names that node code uses, where each era keeps them (bound when a module uses one unimported).
FRAMEWORK_NAMES = {
    "NodeEffect": ("omnibase_core.nodes.node_effect", "NodeEffect"),
    "NodeCompute": ("omnibase_core.nodes.node_compute", "NodeCompute"),
    "NodeReducer": ("omnibase_core.nodes.node_reducer", "NodeReducer"),
    "NodeOrchestrator": ("omnibase_core.nodes.node_orchestrator", "NodeOrchestrator"),
    "ModelONEXContainer": ("omnibase_core.models.container.model_onex_container", "ModelONEXContainer"),
    "ModelContainer": ("omnibase_core.models.container.model_onex_container", "ModelONEXContainer"),
    "OnexError": ("omnibase_core.errors", "OnexError"),
    "ModelOnexError": ("omnibase_core.errors", "ModelOnexError"),
    "EnumCoreErrorCode": ("omnibase_core.errors", "EnumCoreErrorCode"),
    "LogLevel": ("omnibase_core.enums.enum_log_level", "EnumLogLevel"),
    "EnumLogLevel": ("omnibase_core.enums.enum_log_level", "EnumLogLevel"),
    "emit_log_event": (
        "omnibase_core.logging.structured" if ERA == "bridge" else "omnibase_core.logging.logging_structured",
        "emit_log_event_sync",
    ),
}


class StandInMeta(abc.ABCMeta):
    """Classes standing in for what lies outside the framework: any class attribute, subscript or union works
    (an ABCMeta, so that a node class can mix one with the framework's ABCMeta bases)."""

    def __getattr__(cls, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return mock.MagicMock(name=f"{cls.__name__}.{name}")

    def __getitem__(cls, item: Any) -> Any:
        return cls

    def __or__(cls, other: Any) -> Any:
        return cls

    def __ror__(cls, other: Any) -> Any:
        return cls


def stand_in(name: str) -> type:
    """A class that accepts any arguments; its own instances answer any attribute with a mock. Instances of a
    class of the module deriving from it do not: what an unknown base would set up is not assumed (a fix that
    reads `self.node_id` in such a class is caught)."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:  # noqa: N807
        pass

    def __getattr__(self: Any, attr: str) -> Any:  # noqa: N807
        if attr.startswith("__") or type(self).__module__ != "stand_ins":
            raise AttributeError(attr)
        return mock.MagicMock(name=f"{name}().{attr}")

    return StandInMeta(name, (), {"__init__": __init__, "__getattr__": __getattr__, "__module__": "stand_ins"})


# Top-level packages stood in for (their submodules are stood in too, whoever imports them).
STOOD_IN: set[str] = set()


class StandInModule(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        value = stand_in(name)
        setattr(self, name, value)
        return value


def importer() -> str:
    """The module whose code runs the import statement being resolved (import machinery frames skipped)."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if not name.startswith(("importlib", "_frozen_importlib")) and name != __name__:
            return name
        frame = frame.f_back
    return ""


class StandInFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Last on sys.meta_path: a module nothing else found, imported by a job's module (or a stand-in module),
    outside the framework, is a stand-in module. Installed libraries' own optional imports still fail as usual."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname.split(".")[0] in FRAMEWORK:
            return None
        # A name a real package lacks is an ImportError, as it is for the user (only the job's own package,
        # and packages stood in for, get stand-in submodules).
        parent = sys.modules.get(fullname.rpartition(".")[0]) if "." in fullname else None
        if parent is not None and not isinstance(parent, StandInModule) and not parent.__name__.startswith("job_"):
            return None
        if not importer().startswith("job_") and fullname.split(".")[0] not in STOOD_IN:
            return None
        STOOD_IN.add(fullname.split(".")[0])
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec: Any) -> Any:
        module = StandInModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module: Any) -> None:
        pass


class ModuleBuiltins(dict):
    """A module's builtins: a name it uses without binding is the framework's when it is one, else a stand-in."""

    def __missing__(self, name: str) -> Any:
        if name.startswith("__"):
            raise KeyError(name)
        if name in FRAMEWORK_NAMES:
            module, attr = FRAMEWORK_NAMES[name]
            value = getattr(importlib.import_module(module), attr)
        else:
            value = stand_in(name)
        self[name] = value
        return value


class Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Timeout(f"took longer than {TIMEOUT_SECONDS} s")


def bounded(action: Any) -> Any:
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIMEOUT_SECONDS)
    try:
        return action()
    finally:
        signal.alarm(0)


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {str(error)[:300]}"


# How each class is constructed: the bridge era's container in health-check mode (what ONEX001's fix is about)
# and as configured by default (the path registration and other __init__ code runs on); today's plain container.
MODES = ("health-check mode", "default") if ERA == "bridge" else ("plain container",)


def container(mode: str) -> Any:
    from omnibase_core.models.container.model_onex_container import ModelONEXContainer

    built = ModelONEXContainer()
    if mode == "health-check mode":
        built.config.from_dict({"health_check_mode": True})
    return built


def run_job(root: str, index: int, job: dict[str, Any]) -> dict[str, Any]:
    package = f"job_{index}"
    folder = os.path.join(root, package)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "node.py")
    with open(path, "w", encoding="utf-8") as f:
        f.write(job["text"])
    pkg = types.ModuleType(package)
    pkg.__path__ = [folder]
    sys.modules[package] = pkg
    module = types.ModuleType(f"{package}.node")
    module.__file__ = path
    module.__package__ = package
    module.__dict__["__builtins__"] = ModuleBuiltins(vars(builtins))
    sys.modules[module.__name__] = module
    result: dict[str, Any] = {"id": job["id"], "status": "ok", "classes": {}}
    try:
        code = compile(job["text"], path, "exec")
        bounded(lambda: exec(code, module.__dict__))  # noqa: S102 - the module under test
    except BaseException as e:  # noqa: BLE001 - any failure of the module is a result
        result["status"] = "import-failed"
        result["error"] = describe(e)
        return result
    for name in job["classes"]:
        cls = module.__dict__.get(name)
        for mode in MODES:
            key = f"{name} ({mode})"
            if not isinstance(cls, type):
                result["classes"][key] = {"ok": False, "error": "not a class of the module"}
                continue
            try:
                bounded(lambda cls=cls, mode=mode: cls(container(mode)))
                result["classes"][key] = {"ok": True}
            except BaseException as e:  # noqa: BLE001 - a constructor's failure is a result
                result["classes"][key] = {"ok": False, "error": describe(e)}
    return result


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    # The framework's heavy imports happen once, before any job's clock runs (a slow first import is no result).
    for module, _ in FRAMEWORK_NAMES.values():
        try:
            importlib.import_module(module)
        except ImportError:
            pass
    for module in ("omnibase_infra.errors", "omnibase_infra.enums", "omnibase_core.models.dispatch.model_handler_output"):
        try:
            importlib.import_module(module)
        except ImportError:
            pass
    sys.meta_path.append(StandInFinder())
    # Constructors that look for a running loop find none, as in a plain process.
    asyncio.set_event_loop(None)
    root = tempfile.mkdtemp(prefix="onex-construct-")
    sys.path.insert(0, root)
    # What the modules print goes to stderr: stdout carries the results.
    out = sys.stdout
    sys.stdout = sys.stderr
    for index, job in enumerate(jobs):
        try:
            result = run_job(root, index, job)
        except BaseException as e:  # noqa: BLE001 - a text that cannot even be written (lone surrogates) is a result too
            result = {"id": job["id"], "status": "import-failed", "error": describe(e), "classes": {}}
        out.write(json.dumps(result) + "\n")
        out.flush()
    # Threads or clients a constructor left behind must not keep the process alive (os._exit runs no cleanup:
    # the modules' folder goes first).
    shutil.rmtree(root, ignore_errors=True)
    os._exit(0)


if __name__ == "__main__":
    main()
