"""Input model of the ledger_writer node."""

from typing import Any
from uuid import UUID, uuid4

from pydantic import BaseModel, Field


class ModelLedgerWriterInput(BaseModel):
    """Input of NodeLedgerWriterEffect."""

    correlation_id: UUID = Field(
        default_factory=uuid4, description="Correlates a run's logs, events and errors"
    )
    operation: str = Field(default="default", description="The operation to perform")
    payload: dict[str, Any] = Field(
        default_factory=dict, description="Data sent to the external system"
    )
