# SPDX-FileCopyrightText: 2026 Acme Billing
# SPDX-License-Identifier: MIT
"""Declarative EFFECT node that sends invoices.

All behaviour is in contract.yaml and the handler it binds (handlers/handler_invoice_send.py);
the runtime builds the handler, dispatches each command to it and publishes what it returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from omnibase_core.nodes.node_effect import NodeEffect

if TYPE_CHECKING:
    from omnibase_core.models.container.model_onex_container import ModelONEXContainer


class NodeInvoiceSendEffect(NodeEffect):
    """Declarative effect node for sending invoices (handler: HandlerInvoiceSend)."""

    def __init__(self, container: ModelONEXContainer) -> None:
        """Initialize the node with the runtime's container."""
        super().__init__(container)


__all__: list[str] = ["NodeInvoiceSendEffect"]
