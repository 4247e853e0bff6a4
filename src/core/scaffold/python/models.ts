// The input and output models of a generated Python node (pydantic, as omnibase uses), and the
// `models/` package that exports them. Plain BaseModel + Field only: the same code runs on
// pydantic 2 (omnibase) and on Debian 12's pydantic 1.10.
import type { KindProfile } from './kinds';
import type { PythonNames } from './names';

export function inputModelClass(names: PythonNames, profile: KindProfile): string {
  return `class ${names.inputModel}(BaseModel):
    """Input of ${names.className}."""

    correlation_id: UUID = Field(
        default_factory=uuid4, description="Correlates a run's logs, events and errors"
    )
${profile.inputFields}`;
}

export function outputModelClass(names: PythonNames): string {
  return `class ${names.outputModel}(BaseModel):
    """Output of ${names.className}."""

    success: bool = Field(description="Whether the operation succeeded")
    correlation_id: UUID = Field(description="The correlation id of the input")
    result: dict[str, Any] = Field(
        default_factory=dict, description="The operation's result"
    )
    duration_ms: float = Field(ge=0, description="The operation's wall time in ms")
`;
}

export function renderInputModelPy(names: PythonNames, profile: KindProfile): string {
  const typing = /\bAny\b/.test(profile.inputFields) ? 'from typing import Any\n' : '';
  return `"""Input model of the ${names.nodeName} node."""

${typing}from uuid import UUID, uuid4

from pydantic import BaseModel, Field


${inputModelClass(names, profile)}`;
}

export function renderOutputModelPy(names: PythonNames): string {
  return `"""Output model of the ${names.nodeName} node."""

from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field


${outputModelClass(names)}`;
}

export function renderModelsInitPy(names: PythonNames): string {
  return `"""Models of the ${names.nodeName} node."""

from .${names.inputModule} import ${names.inputModel}
from .${names.outputModule} import ${names.outputModel}

__all__ = ["${names.inputModel}", "${names.outputModel}"]
`;
}
