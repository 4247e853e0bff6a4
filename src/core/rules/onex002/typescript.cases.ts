// ONEX002 service-registration on TypeScript node classes.
import type { RuleTable } from '../cases';
import { BROKEN_TAIL, at, nodeModule } from '../typescriptCaseSources';

const METRICS = `
  getMetrics(): Record<string, number> {
    return { successRate: 1, failedOperations: this.failedOperations, avgDurationMs: 0 };
  }
`;

const LIFECYCLE_WITHOUT_CONSUL = `
  async startup(): Promise<void> {
    await this.kafkaClient?.connect();
  }

  async shutdown(): Promise<void> {
    await this.kafkaClient?.disconnect();
  }
${METRICS}`;

const registerOnly = `
  async startup(): Promise<void> {
    await this.announce();
  }

  async shutdown(): Promise<void> {
    await this.kafkaClient?.disconnect();
  }

  private async announce(): Promise<void> {
    const consul = this.container.getService<ConsulClient>('consul_client');
    if (!consul) return;
    const serviceId = \`catalogue-\${this.nodeId}\`;
    await consul.agent.service.register({ name: 'catalogue', id: serviceId });
  }
${METRICS}`;

const noRegistration = nodeModule({ production: false, members: LIFECYCLE_WITHOUT_CONSUL });
const noDeregistration = nodeModule({ production: false, members: registerOnly, after: BROKEN_TAIL });
// The fix keeps the id the registration used in a field of its own (the class already has a
// consulServiceId) and deregisters it from shutdown().
const noDeregistrationFixed = noDeregistration
  .replace('export class NodeCatalogueEffect extends NodeBase {\n', 'export class NodeCatalogueEffect extends NodeBase {\n  private registeredConsulServiceId: string | undefined;\n\n')
  .replace('    await this.kafkaClient?.disconnect();\n', '    await this.kafkaClient?.disconnect();\n    await this.deregisterFromConsul();\n')
  .replace("    await consul.agent.service.register({ name: 'catalogue', id: serviceId });\n",
    "    await consul.agent.service.register({ name: 'catalogue', id: serviceId });\n    this.registeredConsulServiceId = serviceId;\n")
  .replace('  }\n}\n\nexport function brokenHelper', `  }

  private async deregisterFromConsul(): Promise<void> {
    const serviceId = this.registeredConsulServiceId;
    const consul = this.container.getService<ConsulClient>('consul_client');
    if (!serviceId || !consul) {
      return;
    }
    try {
      await consul.agent.service.deregister(serviceId);
      this.registeredConsulServiceId = undefined;
      emitLogEvent(LogLevel.INFO, 'Deregistered from Consul', { nodeId: this.nodeId, serviceId });
    } catch (error) {
      emitLogEvent(LogLevel.WARNING, 'Failed to deregister from Consul', { nodeId: this.nodeId, error: error instanceof Error ? error.message : String(error) });
    }
  }
}

export function brokenHelper`);
const unreachable = nodeModule({
  production: false,
  members: `${LIFECYCLE_WITHOUT_CONSUL}
  /** Never called from the constructor or the lifecycle: registration is unreachable. */
  private async registerLater(): Promise<void> {
    const consul = this.container.getService<ConsulClient>('consul_client');
    await consul?.agent.service.register({ name: 'catalogue' });
  }
`,
});

export const ONEX002_TYPESCRIPT_CASES: RuleTable = {
  valid: [
    {
      name: 'registers from startup through a helper and deregisters from shutdown',
      code: nodeModule(),
    },
    {
      name: 'registration passed as a callback from the constructor',
      code: nodeModule({
        production: false,
        ctor: '    setImmediate(this.registerSoon);\n',
        members: `
  private readonly registerSoon = async (): Promise<void> => {
    await this.consulClient.agent.service.register({ name: 'catalogue' });
  };

  private readonly consulClient = onex.createConsulClient({ host: 'consul.internal' });

  async startup(): Promise<void> {}

  async shutdown(): Promise<void> {
    await this.consulClient.agent.service.deregister('catalogue');
  }
${METRICS}`,
      }),
    },
    {
      name: 'a registration method of a base class defined elsewhere counts by its name',
      code: nodeModule({
        production: false,
        members: `
  async startup(): Promise<void> {
    await this.registerWithConsul();
  }

  async shutdown(): Promise<void> {
    await this.deregisterFromConsul();
  }
${METRICS}`,
      }),
    },
    {
      name: 'a declarative node is judged by its contract, not its class',
      code: `${nodeModule()}
export class NodeDeclarativeCompute extends NodeCompute {
  constructor(container: ModelContainer) {
    super(container);
  }
}
`,
    },
    {
      name: 'an abstract base node leaves the check to its concrete subclasses',
      code: `${nodeModule()}
export abstract class NodeAbstractCatalogueEffect extends EffectBase {
  abstract process(input: Item): Promise<Item>;
}
`,
    },
    {
      name: 'lifecycle inherited from a base class in the same file',
      code: `${nodeModule()}
export class NodeCatalogueMirrorEffect extends NodeCatalogueEffect {
  async process(input: Item): Promise<Item> {
    return input;
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'no registration reachable from the constructor or lifecycle',
      code: noRegistration,
      errors: [{ ...at(noRegistration, 'NodeCatalogueEffect'), message: 'never registers with service discovery' }],
    },
    {
      name: 'registration reachable but never deregistered, with a syntax error elsewhere (fixed)',
      code: noDeregistration,
      errors: [{ ...at(noDeregistration, 'NodeCatalogueEffect'), message: 'never deregisters in shutdown()' }],
      output: noDeregistrationFixed,
    },
    {
      name: 'a registration helper nobody calls',
      code: unreachable,
      errors: [{ ...at(unreachable, 'NodeCatalogueEffect'), message: 'never registers' }],
    },
    {
      name: 'configured stop method names',
      code: nodeModule({ production: false, members: registerOnly.replace('async shutdown()', 'async teardown()') }),
      config: { stopMethods: ['teardown'] },
      errors: [{ line: at(nodeModule({ production: false, members: registerOnly }), 'NodeCatalogueEffect').line, message: 'never deregisters in teardown()' }],
    },
  ],
};
