# SPDX-FileCopyrightText: 2026 Acme Billing
# SPDX-License-Identifier: MIT
"""Models of the invoice send effect node."""

from acme_billing.nodes.node_invoice_send_effect.models.model_invoice_send_command import (
    ModelInvoiceSendCommand,
)
from acme_billing.nodes.node_invoice_send_effect.models.model_invoice_sent import (
    ModelInvoiceSent,
)

__all__: list[str] = ["ModelInvoiceSendCommand", "ModelInvoiceSent"]
