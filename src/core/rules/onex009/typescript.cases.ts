// ONEX009 metrics on TypeScript node classes.
import type { RuleTable } from '../cases';
import { BROKEN_TAIL, at, nodeModule } from '../typescriptCaseSources';

const LIFECYCLE = `
  async startup(): Promise<void> {
    await this.registerWithConsul();
  }

  async shutdown(): Promise<void> {
    await this.deregisterFromConsul();
  }
`;

function metrics(body: string): string {
  return `${LIFECYCLE}
  getMetrics(): Record<string, number> {
${body}
  }
`;
}

const minimal = nodeModule({ production: false, members: metrics('    return { totalOperations: this.totalOperations };') });
const minimalFixed = minimal.replace(
  '    return { totalOperations: this.totalOperations };',
  '    return { totalOperations: this.totalOperations, successRate: this.totalOperations > 0 ? this.successfulOperations / this.totalOperations : 1, failedOperations: this.failedOperations, avgDurationMs: this.totalOperations > 0 ? this.totalDurationMs / this.totalOperations : 0 };',
);

const snake = nodeModule({
  production: false,
  members: metrics(`    return {
      total_operations: this.totalOperations,
      success_rate: this.successfulOperations / Math.max(1, this.totalOperations),
    };`),
  after: BROKEN_TAIL,
});
const snakeFixed = snake.replace(`      success_rate: this.successfulOperations / Math.max(1, this.totalOperations),
    };`, `      success_rate: this.successfulOperations / Math.max(1, this.totalOperations),
      failed_operations: this.failedOperations,
      avg_duration_ms: this.totalOperations > 0 ? this.totalDurationMs / this.totalOperations : 0,
    };`);

const none = nodeModule({ production: false, members: LIFECYCLE });

export const ONEX009_TYPESCRIPT_CASES: RuleTable = {
  valid: [
    { name: 'getMetrics with successRate, failedOperations and avgDurationMs', code: nodeModule() },
    {
      name: 'snake_case keys and nested objects',
      code: nodeModule({
        production: false,
        members: metrics(`    return {
      rates: { success_rate: 1 },
      failures: { failed: this.failedOperations },
      timing: { avg_latency_ms: 0 },
    };`),
      }),
    },
    {
      name: 'a return that is not an object literal cannot be checked',
      code: nodeModule({ production: false, members: metrics('    return this.collector.snapshot();') }),
    },
    {
      name: 'a spread cannot be checked',
      code: nodeModule({ production: false, members: metrics('    return { ...this.baseMetrics(), queued: this.queue.length };') }),
    },
    {
      name: 'a base class whose name contains Metrics',
      code: nodeModule({ production: false, base: 'WithMetrics(NodeBase)', members: LIFECYCLE }),
    },
    {
      name: 'getMetrics inherited from a base class in the same file',
      code: `${nodeModule()}
export class NodeCatalogueShadowEffect extends NodeCatalogueEffect {
  async shadow(input: Item): Promise<Item> {
    return input;
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'getMetrics with a total only (fixed)',
      code: minimal,
      errors: [{ ...at(minimal, 'getMetrics()'), message: 'reports no success rate, failure count, average duration' }],
      output: minimalFixed,
    },
    {
      name: 'snake_case keys missing failures and average duration, with a syntax error elsewhere (fixed)',
      code: snake,
      errors: [{ ...at(snake, 'getMetrics()'), message: 'reports no failure count, average duration' }],
      output: snakeFixed,
    },
    {
      name: 'no getMetrics at all',
      code: none,
      errors: [{ ...at(none, 'NodeCatalogueEffect'), message: 'NodeCatalogueEffect has no getMetrics()' }],
    },
    {
      name: 'an average without a unit does not count',
      code: nodeModule({ production: false, members: metrics('    return { successRate: 1, failedOperations: 0, avgItems: 3 };') }),
      errors: [{ ...at(nodeModule({ production: false, members: metrics('') }), 'getMetrics()'), message: 'average duration' }],
    },
  ],
};
