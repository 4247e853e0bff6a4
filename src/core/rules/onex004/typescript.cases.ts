// ONEX004 error-handling on TypeScript node classes.
import type { RuleTable } from '../cases';
import { BROKEN_TAIL, at, nodeModule } from '../typescriptCaseSources';

const templateCatch = `
  async process(input: Item): Promise<Item> {
    const started = performance.now();
    try {
      const result = await withRetries(() => this.lookup(input));
      this.successfulOperations += 1;
      return result;
    } catch (e) {
      this.failedOperations += 1;
      throw new OnexError(\`Operation failed: \${String(e)}\`, CoreErrorCode.OPERATION_FAILED);
    } finally {
      this.totalDurationMs += performance.now() - started;
    }
  }

  private async lookup(input: Item): Promise<Item> {
    return { ...input, found: true };
  }
`;
const templateCode = nodeModule({ members: templateCatch });
const templateFixed = templateCode.replace(`    } catch (e) {
      this.failedOperations += 1;
      throw new OnexError(\`Operation failed: \${String(e)}\`, CoreErrorCode.OPERATION_FAILED);`,
`    } catch (e) {
      if (e instanceof OnexError) throw e;
      this.failedOperations += 1;
      throw new OnexError(\`Operation failed: \${String(e)}\`, CoreErrorCode.OPERATION_FAILED, { cause: e });`);

const optionsObject = nodeModule({
  members: `
  async refresh(): Promise<void> {
    try {
      await this.flushA0();
    } catch (error) {
      if (error instanceof OnexError) {
        throw error;
      }
      throw new onex.OnexError('refresh failed', {
        errorCode: CoreErrorCode.INTERNAL_ERROR,
        details: { node: 'catalogue' },
      });
    }
  }
`,
  after: BROKEN_TAIL,
});
const optionsFixed = optionsObject.replace(`        details: { node: 'catalogue' },
      });`, `        details: { node: 'catalogue' },
        cause: error,
      });`);

const bindingless = nodeModule({
  members: `
  async warm(): Promise<void> {
    try {
      await this.flushA1();
    } catch {
      throw new OnexError('warm-up failed', CoreErrorCode.SERVICE_START_FAILED);
    }
  }
`,
});
const bindinglessFixed = bindingless.replace(`    } catch {
      throw new OnexError('warm-up failed', CoreErrorCode.SERVICE_START_FAILED);`, `    } catch (error) {
      if (error instanceof OnexError) throw error;
      throw new OnexError('warm-up failed', CoreErrorCode.SERVICE_START_FAILED, { cause: error });`);

const aliasNoSemicolons = `${nodeModule().replace(/;$/gm, '')}
import { OnexError as NodeFailure } from '@omninode/onex-runtime'

export class NodeCatalogueAuditEffect extends EffectBase {
  async audit(entry: Item): Promise<void> {
    try {
      await Promise.resolve(entry)
    } catch (err) { throw new NodeFailure('audit failed', CoreErrorCode.INTERNAL_ERROR) }
  }
}
`;

export const ONEX004_TYPESCRIPT_CASES: RuleTable = {
  valid: [
    {
      name: 'a catch that returns a failure result and throws only in a nested if (rules.md v4)',
      code: nodeModule({
        members: `
  async settle(batch: Item[]): Promise<{ ok: boolean; error?: string }> {
    try {
      await this.gateway.settle(batch);
      return { ok: true };
    } catch (error) {
      this.failedOperations += 1;
      if (this.strict) {
        throw new OnexError(\`settlement failed: \${String(error)}\`, EnumCoreErrorCode.OPERATION_FAILED, { cause: error });
      }
      return { ok: false, error: String(error) };
    }
  }
`,
      }),
    },
    {
      name: 'lets OnexError through first and chains the cause',
      code: nodeModule({
        members: `
  async process(input: Item): Promise<Item> {
    try {
      return await withRetries(async () => input);
    } catch (error) {
      if (error instanceof OnexError) throw error;
      throw new OnexError('failed', CoreErrorCode.INTERNAL_ERROR, { cause: error });
    }
  }
`,
      }),
    },
    {
      name: 'the OnexError test negated around the wrap',
      code: nodeModule({
        members: `
  async process(input: Item): Promise<Item> {
    try {
      return await withRetries(async () => input);
    } catch (error) {
      if (!(error instanceof OnexError)) {
        throw new OnexError('failed', { errorCode: CoreErrorCode.INTERNAL_ERROR, cause: error });
      }
      throw error;
    }
  }
`,
      }),
    },
    {
      name: 'handlers that log and re-throw the original error',
      code: nodeModule({
        members: `
  async process(input: Item): Promise<Item> {
    try {
      return await withRetries(async () => input);
    } catch (error) {
      emitLogEvent(LogLevel.ERROR, 'failed', { error: String(error) });
      throw error;
    }
  }
`,
      }),
    },
    {
      name: 'options built by a helper carry the cause',
      code: nodeModule({
        members: `
  async process(input: Item): Promise<Item> {
    try {
      return await withRetries(async () => input);
    } catch (error) {
      if (error instanceof OnexError) throw error;
      throw new OnexError('failed', CoreErrorCode.INTERNAL_ERROR, errorOptions(error));
    }
  }
`,
        headerExtra: 'const errorOptions = (cause: unknown) => ({ cause });',
      }),
    },
    {
      name: 'a new OnexError outside any catch',
      code: nodeModule({
        members: `
  validate(input: Item): void {
    if (!input.id) throw new OnexError('id is required', CoreErrorCode.VALIDATION_ERROR);
  }
`,
      }),
    },
    {
      name: 'a catch inside a nested callback of the try is its own scope',
      code: nodeModule({
        members: `
  async process(items: Item[]): Promise<void> {
    await Promise.all(items.map(async (item) => {
      try {
        await this.flushA2();
      } catch (error) {
        if (error instanceof OnexError) throw error;
        throw new OnexError(String(item.id), CoreErrorCode.OPERATION_FAILED, { cause: error });
      }
    }));
  }
`,
      }),
    },
    {
      name: 'catch blocks outside node classes',
      code: `${nodeModule()}
export async function loadCatalogue(): Promise<void> {
  try {
    await Promise.resolve();
  } catch (e) {
    throw new OnexError('load failed', CoreErrorCode.INTERNAL_ERROR);
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'the template: every error re-wrapped without its cause (fixed)',
      code: templateCode,
      errors: [
        { ...at(templateCode, 'throw new OnexError(`Operation failed'), message: 'let it through first (if (e instanceof OnexError) throw e;)' },
        { ...at(templateCode, 'throw new OnexError(`Operation failed'), message: 'without { cause: e }' },
      ],
      output: templateFixed,
    },
    {
      name: 'a namespace-qualified OnexError with an options object, with a syntax error elsewhere (fixed)',
      code: optionsObject,
      errors: [{ ...at(optionsObject, "throw new onex.OnexError('refresh failed'"), message: 'without { cause: error }' }],
      output: optionsFixed,
    },
    {
      name: 'a catch without a binding gets one (fixed)',
      code: bindingless,
      errors: [{ ...at(bindingless, "throw new OnexError('warm-up failed'"), message: 'catch (error) wraps every error in OnexError' }],
      output: bindinglessFixed,
    },
    {
      name: 'an aliased OnexError in a file without semicolons (fixed)',
      code: aliasNoSemicolons,
      errors: [
        { ...at(aliasNoSemicolons, "throw new NodeFailure('audit failed'"), message: 'NodeFailure' },
        { ...at(aliasNoSemicolons, "throw new NodeFailure('audit failed'"), message: 'without { cause: err }' },
      ],
      output: aliasNoSemicolons.replace(
        "    } catch (err) { throw new NodeFailure('audit failed', CoreErrorCode.INTERNAL_ERROR) }",
        `    } catch (err) {
      if (err instanceof NodeFailure) throw err
      throw new NodeFailure('audit failed', CoreErrorCode.INTERNAL_ERROR, { cause: err })
    }`,
      ),
    },
  ],
};
