// ONEX006 defensive-config on TypeScript node classes.
import type { RuleTable } from '../cases';
import { BROKEN_TAIL, at, nodeModule } from '../typescriptCaseSources';

const unguardedCtor = `    this.timeoutMs = container.config.get('timeout_ms', 30_000);
    this.batchSize = this.container.config.batchSize;
`;
const unguarded = nodeModule({
  ctor: unguardedCtor,
  members: '\n  private readonly timeoutMs: number;\n  private readonly batchSize: number;\n',
});
// (A conditional too long for the file's lines is broken before ? and :, as Prettier breaks it.)
const unguardedFixed = unguarded.replace(unguardedCtor, `    this.timeoutMs = typeof container.config.get === 'function'
      ? container.config.get('timeout_ms', 30_000)
      : 30_000;
    this.batchSize = this.container.config?.batchSize;
`);

const inMethod = nodeModule({
  members: `
  private region(): string {
    const region = String(this.container.config.get('region') ?? 'eu') + '-' + this._container.config['zone'];
    return region;
  }

  private readonly _container = this.container;
`,
  after: BROKEN_TAIL,
});

export const ONEX006_TYPESCRIPT_CASES: RuleTable = {
  valid: [
    {
      name: 'reads inside try/catch',
      code: nodeModule({
        ctor: `    try {
      this.defaultTopic = container.config.get('topic', 'catalogue.events');
    } catch {
      this.defaultTopic = 'catalogue.events';
    }
`,
        members: '\n  private defaultTopic: string;\n',
      }),
    },
    {
      name: 'reads guarded by typeof config.get === "function" (if, conditional and &&)',
      code: nodeModule({
        ctor: `    if (typeof container.config.get === 'function') {
      this.defaultTopic = container.config.get('topic', 'catalogue.events');
    }
    this.region = typeof this.container.config.get === "function" ? this.container.config.get('region', 'eu') : 'eu';
    const zone = typeof container.config.get === 'function' && container.config.get<string>('zone');
    void zone;
`,
        members: "\n  private defaultTopic = 'catalogue.events';\n  private region: string;\n",
      }),
    },
    {
      name: 'an early return when config.get is missing',
      code: nodeModule({
        members: `
  private topic(): string {
    if (typeof this.container.config.get !== 'function') return 'catalogue.events';
    return this.container.config.get('topic', 'catalogue.events');
  }
`,
      }),
    },
    {
      name: 'optional calls count as guarded',
      code: nodeModule({ ctor: "    const topic = container.config?.get?.('topic');\n    void topic;\n" }),
    },
    {
      name: 'a helper that reads defensively, used everywhere',
      code: nodeModule({
        ctor: "    this.timeoutMs = this.readConfig('timeout_ms', 30_000);\n",
        members: `
  private readonly timeoutMs: number;

  private readConfig<T>(key: string, fallback: T): T {
    try {
      const config = this.container.config;
      return typeof config?.get === 'function' ? config.get<T>(key) ?? fallback : fallback;
    } catch {
      return fallback;
    }
  }
`,
      }),
    },
    {
      name: 'config reads outside node classes',
      code: `${nodeModule()}
export function catalogueTopic(container: ModelContainer): string {
  return container.config.get('topic', 'catalogue.events');
}
`,
    },
  ],
  invalid: [
    {
      name: 'get() and a property read in the constructor (fixed)',
      code: unguarded,
      errors: [
        { ...at(unguarded, "container.config.get('timeout_ms'"), message: 'container.config.get(...) reads the container' },
        { ...at(unguarded, 'this.container.config.batchSize'), message: 'this.container.config.batchSize' },
      ],
      output: unguardedFixed,
    },
    {
      name: 'reads in a helper method, with a syntax error elsewhere',
      code: inMethod,
      errors: [
        { ...at(inMethod, "this.container.config.get('region')") },
        { ...at(inMethod, "this._container.config['zone']") },
      ],
      output: inMethod
        .replace("String(this.container.config.get('region') ?? 'eu')", `String((
      typeof this.container.config.get === 'function'
        ? this.container.config.get('region')
        : undefined
    ) ?? 'eu')`)
        .replace("this._container.config['zone']", "this._container.config?.['zone']"),
    },
  ],
};
