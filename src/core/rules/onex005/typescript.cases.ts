// ONEX005 lifecycle on TypeScript node classes.
import type { RuleTable } from '../cases';
import { BROKEN_TAIL, at, nodeModule } from '../typescriptCaseSources';

const METRICS_AND_CONSUL = `
  getMetrics(): Record<string, number> {
    return { successRate: 1, failedOperations: this.failedOperations, avgDurationMs: 0 };
  }
`;

const noLifecycle = nodeModule({ production: false, members: METRICS_AND_CONSUL });
const noLifecycleFixed = noLifecycle.replace(`    super(container);
  }
`, `    super(container);
  }

  async startup(): Promise<void> {
    emitLogEvent(LogLevel.INFO, 'NodeCatalogueEffect starting up', { nodeId: this.nodeId });
  }

  async shutdown(): Promise<void> {
    emitLogEvent(LogLevel.INFO, 'NodeCatalogueEffect shutting down', { nodeId: this.nodeId });
  }
`);

const syncStop = nodeModule({
  production: false,
  members: `
  async startup(): Promise<void> {
    await this.kafkaClient?.connect();
  }

  shutdown(): void {
    this.queue.length = 0;
  }
${METRICS_AND_CONSUL}`,
  after: BROKEN_TAIL,
});
const syncStopFixed = syncStop.replace('  shutdown(): void {', '  async shutdown(): Promise<void> {');

const arrowStart = nodeModule({
  production: false,
  members: `
  initialize = () => {
    this.queue.length = 0;
  };

  async cleanup(): Promise<void> {
    await this.kafkaClient?.disconnect();
  }
${METRICS_AND_CONSUL}`,
});

export const ONEX005_TYPESCRIPT_CASES: RuleTable = {
  valid: [
    { name: 'async startup and shutdown', code: nodeModule() },
    {
      name: 'lifecycle returning promises without the async keyword',
      code: nodeModule({
        production: false,
        members: `
  startup(): Promise<void> {
    return this.kafkaClient?.connect() ?? Promise.resolve();
  }

  onShutdown(): Promise<void> {
    return Promise.resolve();
  }
${METRICS_AND_CONSUL}`,
      }),
    },
    {
      name: 'configured names: initialize and cleanup as async arrow properties',
      code: nodeModule({
        production: false,
        members: `
  initialize = async (): Promise<void> => {
    await this.kafkaClient?.connect();
  };

  cleanup = async (): Promise<void> => {
    await this.kafkaClient?.disconnect();
  };
${METRICS_AND_CONSUL}`,
      }),
    },
    {
      name: 'lifecycle defined in a base class of the same file',
      code: `${nodeModule()}
export class NodeCatalogueReplicaEffect extends NodeCatalogueEffect {
  async replicate(input: Item): Promise<Item> {
    return input;
  }
}
`,
    },
    {
      name: 'declarative node',
      code: `${nodeModule()}
export class NodeDeclarativeCompute extends NodeCompute {
  constructor(container: ModelContainer) {
    super(container);
  }
}
`,
    },
    {
      name: 'non-node classes',
      code: `${nodeModule()}
export class CatalogueCache {
  get(key: string): Item | undefined {
    return { key };
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'no lifecycle at all (fixed)',
      code: noLifecycle,
      errors: [{ ...at(noLifecycle, 'NodeCatalogueEffect'), message: 'no async startup() and no async shutdown()' }],
      output: noLifecycleFixed,
    },
    {
      name: 'a synchronous shutdown, with a syntax error elsewhere (fixed)',
      code: syncStop,
      errors: [{ ...at(syncStop, 'NodeCatalogueEffect'), message: 'a synchronous shutdown()' }],
      output: syncStopFixed,
    },
    {
      name: 'a synchronous arrow-function initialize',
      code: arrowStart,
      errors: [{ ...at(arrowStart, 'NodeCatalogueEffect'), message: 'a synchronous initialize()' }],
      output: arrowStart.replace('  initialize = () => {', '  initialize = async () => {'),
    },
    {
      name: 'a node named by the convention without a known base',
      code: `${nodeModule()}
export class NodeCatalogueArchiveReducer extends ArchiveSupport {
  reduce(items: Item[]): Item {
    return { count: items.length };
  }
}
`,
      errors: [{ line: nodeModule().split('\n').length + 1, message: 'NodeCatalogueArchiveReducer has no async startup()' }],
    },
  ],
};
