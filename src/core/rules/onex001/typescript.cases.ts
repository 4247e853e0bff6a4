// ONEX001 health-check-mode on TypeScript node classes.
import type { RuleTable } from '../cases';
import { BROKEN_TAIL, at, nodeModule } from '../typescriptCaseSources';

const REGISTER_HELPER = `
  private registerWithConsulSync(): void {
    emitLogEvent(LogLevel.INFO, 'registering', { node: 'catalogue' });
  }
`;

const expensiveCtor = `    this.kafkaClient = container.getService<KafkaClient>('kafka_client');
    this.registerWithConsulSync();
`;
const expensive = nodeModule({ ctor: expensiveCtor, members: REGISTER_HELPER });
const expensiveFixed = expensive.replace(expensiveCtor, `    let healthCheckMode = false;
    try {
      const config = container.config;
      healthCheckMode = typeof config?.get === 'function' ? Boolean(config.get('health_check_mode')) : false;
    } catch {
      healthCheckMode = false;
    }
    if (!healthCheckMode) {
      this.kafkaClient = container.getService<KafkaClient>('kafka_client');
      this.registerWithConsulSync();
    }
`);

const newClient = nodeModule({
  ctor: `    const brokers = ['kafka.internal:9092'];
    this.kafkaClient = new KafkaClient({ brokers });
`,
});
const consulOwnCall = nodeModule({ ctor: '    this.registerWithConsulSync();\n', members: REGISTER_HELPER, after: BROKEN_TAIL });
const configuredBase = nodeModule({
  className: 'NodeCatalogueIndexer',
  base: 'CatalogueBase',
  headerExtra: 'declare class CatalogueBase { constructor(container: ModelContainer); }',
  ctor: "    this.kafkaClient = container.getService('kafka_client');\n",
});
// A definitely-assigned field cannot move inside an `if`: the fix skips it (and then has nothing to guard).
const requiredField = nodeModule({
  members: '\n  private readonly indexClient: KafkaClient;\n',
  ctor: "    this.indexClient = new KafkaClient({ brokers: ['kafka.internal:9092'] });\n",
});

export const ONEX001_TYPESCRIPT_CASES: RuleTable = {
  valid: [
    {
      name: 'constructor reads healthCheckMode from the config before creating clients',
      code: nodeModule({
        ctor: `    const healthCheckMode = Boolean(container.config?.get?.('health_check_mode'));
    if (!healthCheckMode) {
      this.kafkaClient = container.getService<KafkaClient>('kafka_client');
    }
`,
      }),
    },
    {
      name: 'constructor that only assigns plain values',
      code: nodeModule({ ctor: "    this.queue.push({ id: 'seed' });\n    emitLogEvent(LogLevel.INFO, 'ready', {});\n" }),
    },
    {
      name: 'constructor that registers an in-process health check',
      code: nodeModule({
        ctor: "    this.registerHealthCheck('queue', () => this.queue.length < 100);\n",
        members: '\n  private registerHealthCheck(name: string, check: () => boolean): void {\n    void name;\n    void check;\n  }\n',
      }),
    },
    {
      name: 'a service resolved lazily in a closure is not constructor work',
      code: nodeModule({ ctor: "    this.lazyKafka = () => container.getService<KafkaClient>('kafka_client');\n", members: '\n  private lazyKafka: () => KafkaClient | undefined;\n' }),
    },
    {
      name: 'the string health_check_mode counts as a read',
      code: nodeModule({
        ctor: `    const flags = container.config.get<Record<string, boolean>>('flags') ?? {};
    if (!flags['health_check_mode']) this.kafkaClient = new KafkaClient({ brokers: [] });
`,
      }),
    },
    {
      name: 'a flag on an options parameter counts as a read',
      code: nodeModule({
        ctor: '    if (!this.options.healthCheckMode) this.registerWithConsulSync();\n',
        members: `${REGISTER_HELPER}\n  private readonly options = { healthCheckMode: false };\n`,
      }),
    },
    {
      name: 'a helper class (not a node) may create clients',
      code: `${nodeModule()}
export class CatalogueClientFactory {
  private readonly client: KafkaClient;
  constructor(container: ModelContainer) {
    this.client = container.getService<KafkaClient>('kafka_client') ?? new KafkaClient({ brokers: [] });
  }
}
`,
    },
    {
      name: 'a declarative node only calls super',
      code: `${nodeModule()}
export class NodeDeclarativeCompute extends NodeCompute {
  constructor(container: ModelContainer) {
    super(container);
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'getService and a Consul registration call without a health-check-mode test (fixed)',
      code: expensive,
      errors: [{ ...at(expensive, 'NodeCatalogueEffect'), message: 'container.getService(...)' }],
      output: expensiveFixed,
    },
    {
      name: 'new KafkaClient(...) in the constructor',
      code: newClient,
      errors: [{ ...at(newClient, 'NodeCatalogueEffect'), message: 'new KafkaClient(...)' }],
    },
    {
      name: 'a call of its own Consul method, with a syntax error elsewhere in the file',
      code: consulOwnCall,
      errors: [{ ...at(consulOwnCall, 'NodeCatalogueEffect'), message: 'this.registerWithConsulSync(...)' }],
    },
    {
      name: 'a configured base class makes the class a node',
      code: configuredBase,
      config: { nodeBaseClasses: ['CatalogueBase'] },
      errors: [{ ...at(configuredBase, 'NodeCatalogueIndexer') }],
    },
    {
      name: 'a definitely assigned field: reported, no fix that would break its assignment',
      code: requiredField,
      errors: [{ ...at(requiredField, 'NodeCatalogueEffect') }],
      output: requiredField,
    },
  ],
};
