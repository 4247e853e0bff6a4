# SPDX-FileCopyrightText: 2026 Acme Billing
# SPDX-License-Identifier: MIT
"""ModelInvoiceSent: the event that an invoice was sent."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field


class ModelInvoiceSent(BaseModel):
    """Event: the invoice was handed to the gateway."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    correlation_id: UUID = Field(description="Correlation id of the command.")
    invoice_id: str = Field(description="The invoice sent.")
    receipt_id: str = Field(description="The gateway's receipt for it.")
    duration_ms: float = Field(ge=0, description="How long the gateway took.")


__all__: list[str] = ["ModelInvoiceSent"]
