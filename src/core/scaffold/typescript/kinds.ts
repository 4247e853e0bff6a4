// What differs between the four node kinds in a generated TypeScript node: the kind's own operation
// (the body a user replaces), its input and result shapes, and sample inputs for the generated test.
// Everything else (the ten production patterns) is the same for every kind.
import type { NodeKind } from '../naming';

export interface TsKindProfile {
  /** One line for the file header and contract.yaml. */
  description: string;
  /** The protected method holding the kind's own work (tests override it to inject failures). */
  operationMethod: string;
  operationIsAsync: boolean;
  /** Fields of the input type besides correlationId (2-space indented, inside the interface). */
  inputFields: string;
  /** Fields of the result type (2-space indented, inside the interface). */
  resultFields: string;
  /** The operation method, indented one level (class body). `{INPUT}`/`{RESULT}` are the type names. */
  operationSource: string;
  /** A valid sample input (object literal fields, no correlationId). */
  sampleInput: string;
  /** Assertions on `output.result` after a successful run (test body, 4 spaces). */
  resultAssertions: string;
}

const effect: TsKindProfile = {
  description: 'Effect node: performs the external I/O of its domain (APIs, databases, brokers).',
  operationMethod: 'performEffect',
  operationIsAsync: true,
  inputFields: `  /** The operation to perform. */
  operation: string;
  /** Data sent to the external system. */
  payload: Record<string, unknown>;
`,
  resultFields: `  operation: string;
  accepted: boolean;
  payload: Record<string, unknown>;
`,
  operationSource: `  /**
   * The effect's external I/O: replace this body with the external call.
   *
   * Throw an error with a network code (ECONNREFUSED, ...) for transport failures: process() turns it
   * into NETWORK_ERROR (a timeout into TIMEOUT). Throw OnexError for failures that already carry an
   * ONEX error code.
   */
  protected async performEffect(input: {INPUT}): Promise<{RESULT}> {
    return { operation: input.operation, accepted: true, payload: { ...input.payload } };
  }
`,
  sampleInput: `operation: 'charge', payload: { amount: 42 }`,
  resultAssertions: `    assert.equal(output.result.accepted, true);
    assert.deepEqual(output.result.payload, { amount: 42 });
`,
};

const compute: TsKindProfile = {
  description: 'Compute node: a pure, deterministic transformation of its input.',
  operationMethod: 'computeResult',
  operationIsAsync: false,
  inputFields: `  /** Numbers to summarise. */
  values: number[];
`,
  resultFields: `  count: number;
  total: number;
  mean: number;
`,
  operationSource: `  /**
   * The computation: pure and deterministic (no I/O); replace it.
   *
   * Throw a RangeError or TypeError for input it cannot compute: process() turns it into a
   * VALIDATION_ERROR.
   */
  protected computeResult(input: {INPUT}): {RESULT} {
    if (input.values.length === 0) throw new RangeError('values must not be empty');
    const total = input.values.reduce((sum, value) => sum + value, 0);
    return { count: input.values.length, total, mean: total / input.values.length };
  }
`,
  sampleInput: 'values: [1, 2, 3]',
  resultAssertions: `    assert.equal(output.result.count, 3);
    assert.equal(output.result.mean, 2);
`,
};

const reducer: TsKindProfile = {
  description: 'Reducer node: aggregates a batch of items into a summary state.',
  operationMethod: 'reduceItems',
  operationIsAsync: false,
  inputFields: `  /** Items to aggregate. */
  items: Record<string, unknown>[];
  /** The item key to group by. */
  groupBy: string;
`,
  resultFields: `  totalItems: number;
  groups: Record<string, number>;
`,
  operationSource: `  /**
   * The reduction: groups the items by input.groupBy and counts them. Replace it with the node's
   * own aggregation.
   *
   * An item without the grouping key throws a TypeError: process() turns it into a VALIDATION_ERROR.
   */
  protected reduceItems(input: {INPUT}): {RESULT} {
    const groups: Record<string, number> = {};
    for (const item of input.items) {
      const value = item[input.groupBy];
      if (value === undefined) throw new TypeError(\`item has no "\${input.groupBy}" key\`);
      const key = String(value);
      groups[key] = (groups[key] ?? 0) + 1;
    }
    return { totalItems: input.items.length, groups };
  }
`,
  sampleInput: `items: [{ type: 'a' }, { type: 'b' }, { type: 'a' }], groupBy: 'type'`,
  resultAssertions: `    assert.equal(output.result.totalItems, 3);
    assert.deepEqual(output.result.groups, { a: 2, b: 1 });
`,
};

const orchestrator: TsKindProfile = {
  description: 'Orchestrator node: coordinates a workflow of steps across other nodes.',
  operationMethod: 'runWorkflow',
  operationIsAsync: true,
  inputFields: `  /** The workflow run's id (generated when absent). */
  workflowId?: string;
  /** Names of the steps to run, in order. */
  steps: string[];
`,
  resultFields: `  workflowId: string;
  completedSteps: { step: string; status: string }[];
`,
  operationSource: `  /** Runs the workflow's steps in order; a failing step fails the workflow. */
  protected async runWorkflow(input: {INPUT}): Promise<{RESULT}> {
    const completedSteps: { step: string; status: string }[] = [];
    for (const step of input.steps) completedSteps.push(await this.runStep(step, input));
    return { workflowId: input.workflowId ?? randomUUID(), completedSteps };
  }

  /**
   * One workflow step: replace this body with the call to the node that does it.
   *
   * Throw an error with a network code for transport failures; throw OnexError for failures that
   * already carry an ONEX error code.
   */
  protected async runStep(step: string, input: {INPUT}): Promise<{ step: string; status: string }> {
    void input;
    return { step, status: 'completed' };
  }
`,
  sampleInput: `steps: ['validate', 'persist']`,
  resultAssertions: `    assert.deepEqual(output.result.completedSteps.map((s) => s.step), ['validate', 'persist']);
`,
};

/** The whole-node file template (snippet) has no kind of its own: a generic async operation. */
export const GENERIC_PROFILE: TsKindProfile = {
  description: 'Production ONEX node: put its work in runOperation.',
  operationMethod: 'runOperation',
  operationIsAsync: true,
  inputFields: `  /** The operation's data. */
  payload: Record<string, unknown>;
`,
  resultFields: `  payload: Record<string, unknown>;
`,
  operationSource: `  /**
   * The node's own work: replace this body. Throw an error with a network code for transport
   * failures; throw OnexError for failures that already carry an ONEX error code.
   */
  protected async runOperation(input: {INPUT}): Promise<{RESULT}> {
    return { payload: { ...input.payload } };
  }
`,
  sampleInput: 'payload: { amount: 42 }',
  resultAssertions: `    assert.deepEqual(output.result.payload, { amount: 42 });
`,
};

export const TS_KIND_PROFILES: Readonly<Record<NodeKind, TsKindProfile>> = { effect, compute, reducer, orchestrator };
