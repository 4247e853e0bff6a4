# SPDX-FileCopyrightText: 2026 Acme Billing
# SPDX-License-Identifier: MIT
"""Handlers of the invoice send effect node."""

from acme_billing.nodes.node_invoice_send_effect.handlers.handler_invoice_send import (
    HandlerInvoiceSend,
)

__all__: list[str] = ["HandlerInvoiceSend"]
