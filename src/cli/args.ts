// A small, strict argument parser: unknown flags are usage errors (exit 2), never ignored.
import { UsageError } from './io';

export interface FlagSpec {
  /** Flags that take a value. */
  values: readonly string[];
  /** Flags that are switches. */
  switches: readonly string[];
}

export interface ParsedArgs {
  values: Map<string, string>;
  switches: Set<string>;
  positional: string[];
}

export function parseArgs(args: readonly string[], spec: FlagSpec): ParsedArgs {
  const out: ParsedArgs = { values: new Map(), switches: new Set(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      out.positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      out.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (spec.values.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
      out.values.set(name, value);
    } else if (spec.switches.includes(name)) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      out.switches.add(name);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return out;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}
