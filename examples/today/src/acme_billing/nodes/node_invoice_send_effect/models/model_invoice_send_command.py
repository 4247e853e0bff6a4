# SPDX-FileCopyrightText: 2026 Acme Billing
# SPDX-License-Identifier: MIT
"""ModelInvoiceSendCommand: the command to send one invoice."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field


class ModelInvoiceSendCommand(BaseModel):
    """Command: send one invoice to its customer."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    correlation_id: UUID = Field(description="Correlation id, copied to every output.")
    invoice_id: str = Field(min_length=1, description="The invoice to send.")
    customer_email: str = Field(min_length=3, description="Where the invoice goes.")
    amount_cents: int = Field(ge=0, description="The invoice's total, in cents.")


__all__: list[str] = ["ModelInvoiceSendCommand"]
