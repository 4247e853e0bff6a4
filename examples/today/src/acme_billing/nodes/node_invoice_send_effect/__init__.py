# SPDX-FileCopyrightText: 2026 Acme Billing
# SPDX-License-Identifier: MIT
"""Invoice send effect node: sends one invoice per command through the invoice gateway."""

from acme_billing.nodes.node_invoice_send_effect.node import NodeInvoiceSendEffect

__all__: list[str] = ["NodeInvoiceSendEffect"]
