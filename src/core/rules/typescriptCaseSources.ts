// Realistic TypeScript node sources for the rule tests: long classes with helpers, import aliases,
// decorators, nested functions and async everywhere, into which each test puts the construct it
// judges. Positions in expectations are found by text (`at`), never counted by hand.
import { dedent } from './cases';

export const RUNTIME_MODULE = '@omninode/onex-runtime';

/** 1-based line and column of the first occurrence of `needle` (after `after`, when given). */
export function at(code: string, needle: string, after?: string): { line: number; column: number } {
  const from = after === undefined ? 0 : code.indexOf(after);
  if (from < 0) throw new Error(`marker not found: ${after}`);
  const index = code.indexOf(needle, from);
  if (index < 0) throw new Error(`text not found: ${needle}`);
  const before = code.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { line, column };
}

/** Imports of a node module: aliases, a namespace import and a module-level alias binding. */
export function header(extra = ''): string {
  return dedent(`
    /**
     * Catalogue indexing nodes for the ONEX runtime.
     */
    import { randomUUID } from 'node:crypto';
    import {
      EnumCoreErrorCode as CoreErrorCode,
      KafkaClient,
      LogLevel,
      ModelContainer,
      NodeEffect as EffectBase,
      NodeCompute,
      OnexError,
      emitLogEvent,
      type ConsulClient,
    } from '${RUNTIME_MODULE}';
    import * as onex from '${RUNTIME_MODULE}';

    type Item = Record<string, unknown>;
    const NodeBase = EffectBase;
    ${extra}
    /** Retries an async operation a few times (module-level helper, not part of any node). */
    export async function withRetries<T>(operation: () => Promise<T>, attempts = 3): Promise<T> {
      let lastError: unknown;
      for (let attempt = 0; attempt < attempts; attempt++) {
        try {
          return await operation();
        } catch (error) {
          lastError = error;
        }
      }
      throw lastError;
    }

    /** Method decorator that logs calls (decorators must not confuse the model). */
    export function traced(label: string) {
      return function (_target: unknown, _key: string, descriptor: PropertyDescriptor): PropertyDescriptor {
        void label;
        return descriptor;
      };
    }
  `);
}

/**
 * Clean class members that trigger no rule: data helpers with nested closures, decorators, getters,
 * async helpers and a static factory. `n` blocks of them make a class hundreds of lines long.
 */
export function filler(prefix: string, n = 4): string {
  const blocks: string[] = [];
  for (let i = 0; i < n; i++) {
    blocks.push(`
  /** Normalises a batch of records before indexing (${prefix} ${i}). */
  @traced('${prefix}-normalise-${i}')
  private normalise${prefix}${i}(records: Item[]): Item[] {
    const seen = new Set<string>();
    return records
      .filter((record) => {
        const key = String(record.id ?? '');
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map((record) => ({ ...record, normalisedAt: new Date().toISOString(), batch: ${i} }));
  }

  private get pending${prefix}${i}(): number {
    return this.queue.length + ${i};
  }

  /** Drains part of the queue; a nested async closure does the work. */
  protected async flush${prefix}${i}(limit = 10): Promise<number> {
    let flushed = 0;
    const drain = async (items: Item[]): Promise<void> => {
      for (const item of items) {
        if (item.skip) continue;
        flushed += 1;
        await Promise.resolve(item);
      }
    };
    await drain(this.queue.splice(0, limit));
    emitLogEvent(LogLevel.DEBUG, 'Flushed queue', { flushed, node: '${prefix}${i}' });
    return flushed;
  }

  private score${prefix}${i}(item: Item, weights: Record<string, number> = {}): number {
    let score = 0;
    for (const [key, weight] of Object.entries(weights)) {
      const value = item[key];
      if (typeof value === 'number') score += value * weight;
      else if (typeof value === 'string') score += value.length * weight;
    }
    switch (item.kind) {
      case 'priority':
        return score * 2;
      case 'bulk':
        return score / 2;
      default:
        return score;
    }
  }
`);
  }
  return blocks.join('');
}

/** The production members that keep the class-level rules (ONEX002, ONEX005, ONEX009) quiet. */
export const PRODUCTION_MEMBERS = `
  async startup(): Promise<void> {
    await this.registerWithConsul();
  }

  async shutdown(): Promise<void> {
    await this.deregisterFromConsul();
  }

  private async registerWithConsul(): Promise<void> {
    const consul = this.container.getService<ConsulClient>('consul_client');
    if (!consul) return;
    this.consulServiceId = \`catalogue-\${this.nodeId}\`;
    try {
      await consul.agent.service.register({ name: 'catalogue', id: this.consulServiceId });
    } catch (error) {
      emitLogEvent(LogLevel.WARNING, 'Consul registration failed', { error: String(error) });
    }
  }

  private async deregisterFromConsul(): Promise<void> {
    const consul = this.container.getService<ConsulClient>('consul_client');
    if (!consul || !this.consulServiceId) return;
    await consul.agent.service.deregister(this.consulServiceId).catch(() => undefined);
  }

  getMetrics(): Record<string, number> {
    const total = this.totalOperations;
    return {
      totalOperations: total,
      successRate: total > 0 ? this.successfulOperations / total : 1,
      failedOperations: this.failedOperations,
      avgDurationMs: total > 0 ? this.totalDurationMs / total : 0,
    };
  }
`;

export interface NodeOptions {
  className?: string;
  /** The extends clause as written. */
  base?: string;
  /** Constructor body after `super(container);` (4-space indented lines). */
  ctor?: string;
  /** Members under test. */
  members?: string;
  /** Add PRODUCTION_MEMBERS (default true). */
  production?: boolean;
  /** Filler blocks before and after the members under test. */
  fillerBefore?: number;
  fillerAfter?: number;
  /** Code after the class (e.g. a syntax error elsewhere in the file). */
  after?: string;
  headerExtra?: string;
}

/** A long node module: header, a node class with fields, constructor, filler and the members under test. */
export function nodeModule(options: NodeOptions = {}): string {
  const className = options.className ?? 'NodeCatalogueEffect';
  const base = options.base ?? 'NodeBase';
  const ctor = options.ctor ?? '';
  return `${header(options.headerExtra)}
/**
 * Indexes catalogue documents and publishes the results.
 */
export class ${className} extends ${base} {
  private readonly queue: Item[] = [];
  private kafkaClient: KafkaClient | undefined;
  private consulServiceId: string | undefined;
  private totalOperations = 0;
  private successfulOperations = 0;
  private failedOperations = 0;
  private totalDurationMs = 0;
  private readonly defaultNamespace = 'catalogue';

  constructor(container: ModelContainer) {
    super(container);
${ctor}  }
${filler('A', options.fillerBefore ?? 3)}${options.members ?? ''}${options.production === false ? '' : PRODUCTION_MEMBERS}${filler('B', options.fillerAfter ?? 2)}}
${options.after ?? ''}`;
}

/** A syntax error outside the node class: rules must keep working inside the class. */
export const BROKEN_TAIL = `
export function brokenHelper(items: Item[] {
  return items.map((item) => item.id;
}
`;
