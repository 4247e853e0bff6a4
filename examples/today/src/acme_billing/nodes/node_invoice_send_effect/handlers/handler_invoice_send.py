# SPDX-FileCopyrightText: 2026 Acme Billing
# SPDX-License-Identifier: MIT
"""HandlerInvoiceSend: sends one invoice per command through the invoice gateway.

The contract binds this def-B handler to the ``invoice.send`` operation; the runtime builds it
with the container, dispatches each ModelInvoiceSendCommand to ``handle`` and publishes the
events it returns to the topics contract.yaml declares.

It was ported from a bridge-era node and still carries a few of that era's habits (ONEX Forge
reports them in today's era): a configuration read from the environment with a fallback, a
service looked up by a string, a wall-clock duration, and an error raised without its cause.
"""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING
from uuid import uuid4

from omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput
from omnibase_infra.enums import (
    EnumHandlerType,
    EnumHandlerTypeCategory,
    EnumInfraTransportType,
)
from omnibase_infra.errors import InfraConnectionError, ModelInfraErrorContext

from acme_billing.nodes.node_invoice_send_effect.models.model_invoice_send_command import (
    ModelInvoiceSendCommand,
)
from acme_billing.nodes.node_invoice_send_effect.models.model_invoice_sent import (
    ModelInvoiceSent,
)

if TYPE_CHECKING:
    from omnibase_core.models.container.model_onex_container import ModelONEXContainer


class HandlerInvoiceSend:
    """Sends invoices through the invoice gateway and reports each as ModelInvoiceSent."""

    def __init__(self, container: ModelONEXContainer) -> None:
        self._container = container
        self._gateway_url = os.getenv("INVOICE_GATEWAY_URL", "http://localhost:8085")

    @property
    def handler_type(self) -> EnumHandlerType:
        return EnumHandlerType.NODE_HANDLER

    @property
    def handler_category(self) -> EnumHandlerTypeCategory:
        return EnumHandlerTypeCategory.EFFECT

    async def handle(
        self,
        command: ModelInvoiceSendCommand,
    ) -> ModelHandlerOutput[None]:
        """Send the command's invoice and report it as one event."""
        gateway = self._container.get_service("invoice_gateway")
        started = time.time()
        try:
            receipt_id = await gateway.send(
                self._gateway_url,
                invoice_id=command.invoice_id,
                email=command.customer_email,
                amount_cents=command.amount_cents,
            )
        except OSError as e:
            raise InfraConnectionError(
                f"Sending invoice {command.invoice_id!r} failed: {e}",
                context=ModelInfraErrorContext.with_correlation(
                    correlation_id=command.correlation_id,
                    transport_type=EnumInfraTransportType.HTTP,
                    operation="invoice.send",
                    target_name="invoice_gateway",
                ),
            )
        duration_ms = (time.time() - started) * 1000.0
        sent = ModelInvoiceSent(
            correlation_id=command.correlation_id,
            invoice_id=command.invoice_id,
            receipt_id=str(receipt_id),
            duration_ms=duration_ms,
        )
        return ModelHandlerOutput.for_effect(
            input_envelope_id=uuid4(),
            correlation_id=command.correlation_id,
            handler_id=type(self).__name__,
            events=(sent,),
            processing_time_ms=duration_ms,
        )


__all__: list[str] = ["HandlerInvoiceSend"]
