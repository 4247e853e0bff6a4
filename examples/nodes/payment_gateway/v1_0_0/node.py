"""Payment gateway effect node, as a code generator writes it (template grade).

ONEX Forge flags the production patterns this node lacks; open the Problems panel or hover a
squiggle, then use the lightbulb to fix it.
"""

import time
from typing import Any

from omnibase_core.errors import EnumCoreErrorCode, ModelOnexError
from omnibase_core.models.container.model_onex_container import ModelONEXContainer
from omnibase_core.nodes.node_effect import NodeEffect


class NodePaymentGatewayEffect(NodeEffect):
    """Charges payments through the provider and announces the result."""

    def __init__(self, container: ModelONEXContainer):
        """Initialize node."""
        super().__init__(container)

        # Get services
        self.kafka_client = container.get_service("kafka_client")
        self.provider_url = container.config.get("provider_url")

        # Initialize metrics
        self._total_operations = 0

    async def execute_effect(self, contract: Any) -> dict[str, Any]:
        """Charge one payment."""
        start = time.time()
        try:
            receipt = await self._charge(contract.input_data)
            await self._publish_event("payment.charged", receipt)
            self._total_operations += 1
            return {"receipt": receipt, "duration": time.time() - start}
        except Exception as e:
            raise ModelOnexError(
                message=f"Payment failed: {e}",
                error_code=EnumCoreErrorCode.CONNECTION_ERROR,
            )

    async def _charge(self, payment: dict[str, Any]) -> dict[str, Any]:
        return {"payment_id": payment["id"], "status": "charged"}

    async def _publish_event(self, event_type: str, data: dict[str, Any]) -> None:
        """Publish event to Kafka."""
        if self.kafka_client:
            await self.kafka_client.publish(
                topic="events",
                data=data,
            )

    def get_metrics(self) -> dict[str, Any]:
        """Get metrics."""
        return {"total_operations": self._total_operations}
