"""Output model of the ledger_writer node."""

from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field


class ModelLedgerWriterOutput(BaseModel):
    """Output of NodeLedgerWriterEffect."""

    success: bool = Field(description="Whether the operation succeeded")
    correlation_id: UUID = Field(description="The correlation id of the input")
    result: dict[str, Any] = Field(
        default_factory=dict, description="The operation's result"
    )
    duration_ms: float = Field(ge=0, description="The operation's wall time in ms")
