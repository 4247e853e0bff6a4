// ONEX010 precise-timing in TypeScript files (anywhere in the file).
import type { RuleTable } from '../cases';
import { BROKEN_TAIL, at, nodeModule } from '../typescriptCaseSources';

const elapsed = nodeModule({
  members: `
  async process(input: Item): Promise<Item> {
    const start = Date.now();
    const result = await withRetries(async () => input);
    const durationMs = Date.now() - start;
    this.totalDurationMs += durationMs;
    return result;
  }
`,
});
const elapsedFixed = elapsed
  .replace('    const start = Date.now();', '    const start = performance.now();')
  .replace('    const durationMs = Date.now() - start;', '    const durationMs = performance.now() - start;');

const getTime = nodeModule({
  members: `
  async warm(): Promise<void> {
    let begin = 0;
    begin = Math.floor(new Date().getTime());
    await this.flushA0();
    const end = new Date().getTime();
    emitLogEvent(LogLevel.INFO, 'warm', { ms: end - begin });
  }
`,
  after: BROKEN_TAIL,
});

const moduleLevel = `${nodeModule()}
export async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t0 = Date.now();
  const value = await run();
  return [value, Date.now() - t0];
}
`;

const alsoTimestamp = nodeModule({
  members: `
  async process(input: Item): Promise<Item> {
    const startedAt = Date.now();
    emitLogEvent(LogLevel.INFO, 'started', { startedAt });
    const result = await withRetries(async () => input);
    this.totalDurationMs += Date.now() - startedAt;
    return result;
  }
`,
});

export const ONEX010_TYPESCRIPT_CASES: RuleTable = {
  valid: [
    {
      name: 'timestamps: stored, logged, sent, compared with a deadline',
      code: nodeModule({
        members: `
  private lastSeen = Date.now();

  async heartbeat(deadline: number): Promise<boolean> {
    this.lastSeen = Date.now();
    emitLogEvent(LogLevel.DEBUG, 'beat', { at: Date.now(), iso: new Date().toISOString() });
    const expiresAt = Date.now() + 5_000;
    return Date.now() < deadline && expiresAt > 0;
  }
`,
      }),
    },
    {
      name: 'subtracted from an attribute or a parameter',
      code: nodeModule({
        members: `
  private readonly createdAt = Date.now();

  age(since: number): number {
    return (Date.now() - this.createdAt) + (Date.now() - since);
  }
`,
      }),
    },
    {
      name: 'performance.now() already',
      code: nodeModule({
        members: `
  async process(input: Item): Promise<Item> {
    const start = performance.now();
    const result = await withRetries(async () => input);
    this.totalDurationMs += performance.now() - start;
    return result;
  }
`,
      }),
    },
    {
      name: 'a module-level start is a stored timestamp',
      code: `${nodeModule()}
const BOOTED_AT = Date.now();
export function uptimeMs(): number {
  return Date.now() - BOOTED_AT;
}
`,
    },
  ],
  invalid: [
    {
      name: 'Date.now() at both ends of a duration (fixed)',
      code: elapsed,
      errors: [
        { ...at(elapsed, 'Date.now()'), message: 'Date.now() measures an elapsed duration; use performance.now()' },
        { ...at(elapsed, 'Date.now() - start') },
      ],
      output: elapsedFixed,
    },
    {
      name: 'new Date().getTime() through locals and Math.floor, with a syntax error elsewhere (fixed)',
      code: getTime,
      errors: [
        { ...at(getTime, 'new Date().getTime()'), message: 'new Date().getTime() measures an elapsed duration' },
        { ...at(getTime, 'new Date().getTime()', 'const end') },
      ],
      output: getTime.replace('Math.floor(new Date().getTime())', 'Math.floor(performance.now())').replace('const end = new Date().getTime();', 'const end = performance.now();'),
    },
    {
      name: 'a duration in a module-level function',
      code: moduleLevel,
      errors: [{ ...at(moduleLevel, 'Date.now()', 'const t0') }, { ...at(moduleLevel, 'Date.now() - t0') }],
      output: moduleLevel.replace('const t0 = Date.now();', 'const t0 = performance.now();').replace('Date.now() - t0', 'performance.now() - t0'),
    },
    {
      name: 'a start that is also logged as a timestamp: reported, fixed (unsafe) together',
      code: alsoTimestamp,
      errors: [{ ...at(alsoTimestamp, 'Date.now()') }, { ...at(alsoTimestamp, 'Date.now() - startedAt') }],
    },
  ],
};
