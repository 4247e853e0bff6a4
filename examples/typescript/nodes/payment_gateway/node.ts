// Payment gateway effect node in TypeScript, as a code generator writes it (template grade).
// ONEX Forge flags the production patterns it lacks; the lightbulb fixes them.
import {
  EnumCoreErrorCode,
  ModelContainer,
  NodeEffect,
  OnexError,
} from '@omninode/onex-runtime';

interface KafkaLike {
  publish(message: { topic: string; data: unknown }): Promise<void>;
}

export class NodePaymentGatewayEffect extends NodeEffect {
  private readonly kafkaClient: KafkaLike | undefined;
  private readonly providerUrl: string;
  private totalOperations = 0;

  constructor(container: ModelContainer) {
    super(container);
    this.kafkaClient = container.getService<KafkaLike>('kafka_client');
    this.providerUrl = container.config.get('provider_url') as string;
  }

  async executeEffect(input: { id: string; amount: number }): Promise<Record<string, unknown>> {
    const start = Date.now();
    try {
      const receipt = await this.charge(input);
      await this.kafkaClient?.publish({ topic: 'events', data: receipt });
      this.totalOperations += 1;
      return { receipt, duration: Date.now() - start };
    } catch (e) {
      throw new OnexError(`Payment failed: ${String(e)}`, EnumCoreErrorCode.NETWORK_ERROR);
    }
  }

  private async charge(input: { id: string; amount: number }): Promise<Record<string, unknown>> {
    return { paymentId: input.id, status: 'charged', provider: this.providerUrl };
  }

  getMetrics(): Record<string, number> {
    return { totalOperations: this.totalOperations };
  }
}
