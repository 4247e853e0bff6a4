// ONEX007 service-resolution on TypeScript node classes.
import type { RuleTable } from '../cases';
import { BROKEN_TAIL, at, nodeModule } from '../typescriptCaseSources';

const fieldCtor = "    this.searchClient = container.getService<SearchClient>('search_client');\n";
const field = nodeModule({
  ctor: fieldCtor,
  members: '\n  private searchClient: SearchClient | undefined;\n\n  async search(q: string): Promise<Item[]> {\n    return this.searchClient!.query(q);\n  }\n',
  headerExtra: 'interface SearchClient { query(q: string): Promise<Item[]> }',
});
const fieldFixed = field.replace(fieldCtor, `${fieldCtor}    if (!this.searchClient) {
      emitLogEvent(LogLevel.WARNING, 'Service search_client is not available in the container', { nodeId: this.nodeId });
    }
`);

const local = nodeModule({
  members: `
  async reindex(ids: string[]): Promise<number> {
    const cache = await this.container.getService<Map<string, Item>>('cache');
    let count = 0;
    for (const id of ids) {
      // (rules.md v4: an if whose test mentions cache would count as handling its absence.)
      count += cache.has(id) ? 1 : 0;
    }
    return count;
  }
`,
  after: BROKEN_TAIL,
});

const shadowed = nodeModule({
  members: `
  resolve(): number {
    const cache = this.container.getService<Map<string, Item>>('cache');
    const check = (cache: Map<string, Item> | undefined) => !cache;
    void check;
    return cache.size;
  }
`,
});

export const ONEX007_TYPESCRIPT_CASES: RuleTable = {
  valid: [
    {
      name: 'an if whose test mentions the service handles its absence (typeof …publish !== "function" then throw)',
      code: nodeModule({
        members: `
  async announce(item: Item): Promise<void> {
    const bus = this.container.getService<{ publish?: (x: unknown) => Promise<void> }>('event_bus');
    if (typeof bus.publish !== 'function') {
      throw new OnexError('event bus cannot publish', EnumCoreErrorCode.DEPENDENCY_UNAVAILABLE);
    }
    await bus.publish(item);
  }
`,
      }),
    },
    {
      name: 'a field tested anywhere in the class',
      code: nodeModule({
        ctor: "    this.kafkaClient = container.getService<KafkaClient>('kafka_client');\n",
        members: '\n  async ping(): Promise<boolean> {\n    return this.kafkaClient?.isConnected ?? false;\n  }\n',
      }),
    },
    {
      name: 'locals tested with === undefined, !, ??, optional chaining and a conditional',
      code: nodeModule({
        members: `
  lookups(): number {
    const a = this.container.getService<Map<string, Item>>('a');
    if (a === undefined) return 0;
    const b = this.container.getService<Map<string, Item>>('b');
    if (!b) return 0;
    const c = this.container.getService<number>('c') as number | undefined;
    const d = this.container.getService<Map<string, Item>>('d');
    const e = this.container.getService<Map<string, Item>>('e');
    return (c ?? 0) + (d?.size ?? 0) + (e ? e.size : 0) + a.size + b.size;
  }
`,
      }),
    },
    {
      name: 'get-or-create with ??',
      code: nodeModule({ ctor: "    this.kafkaClient = container.getService<KafkaClient>('kafka_client') ?? new KafkaClient({ brokers: [] });\n" }),
    },
    {
      name: 'a local tested with assert()',
      code: nodeModule({
        headerExtra: 'declare function assert(value: unknown, message?: string): asserts value;',
        members: `
  size(): number {
    const cache = this.container.getService<Map<string, Item>>('cache');
    assert(cache, 'cache is required');
    return cache.size;
  }
`,
      }),
    },
    {
      name: 'getService outside node classes',
      code: `${nodeModule()}
export function cacheOf(container: ModelContainer): Map<string, Item> {
  const cache = container.getService<Map<string, Item>>('cache');
  return cache!;
}
`,
    },
  ],
  invalid: [
    {
      name: 'a field never tested for absence (fixed)',
      code: field,
      errors: [{ ...at(field, "container.getService<SearchClient>('search_client')"), message: 'this.searchClient = container.getService(...) is never tested for absence anywhere in NodeCatalogueEffect' }],
      output: fieldFixed,
    },
    {
      name: 'an awaited local used without a test, with a syntax error elsewhere',
      code: local,
      errors: [{ ...at(local, "this.container.getService<Map<string, Item>>('cache')"), message: 'cache = this.container.getService(...) is never tested for absence in its function' }],
    },
    {
      name: 'a test of another binding with the same name does not count',
      code: shadowed,
      errors: [{ ...at(shadowed, "this.container.getService<Map<string, Item>>('cache')") }],
    },
  ],
};
