// A small JSON Schema validator over the `yaml` package's nodes: the keywords the framework's
// generated schema uses (type, enum, const, required, properties, additionalProperties, items,
// anyOf/oneOf/allOf, $ref, minimum/maximum, lengths, pattern, deprecated) and two of ours
// (x-onex-caseInsensitive, x-onex-renamedTo). Each problem carries the span of the offending
// value, or of the key that owns a missing one, and a message in the framework's words.
import type { Pair } from 'yaml';
import type { Span } from '../types';
import { isMapNode, isScalarNode, isSeqNode, keySpan, keyText, pythonTypeName, spanOf, type YNode } from './document';
import { resolveRef, type JsonSchema } from './schema';

export type PathStep = string | number;

export interface SchemaProblem {
  kind: 'required' | 'type' | 'enum' | 'deprecated' | 'range' | 'length' | 'pattern' | 'additional';
  path: PathStep[];
  /** The missing, deprecated or additional key. */
  key?: string;
  span: Span;
  message: string;
}

export function formatPath(path: readonly PathStep[]): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out ? `.${step}` : step;
  return out;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping', array: 'a list', string: 'a string', integer: 'an integer', number: 'a number',
  boolean: 'a boolean', null: 'null',
};

/** The JSON types a YAML node is an instance of. */
function jsonTypes(node: YNode | null): string[] {
  if (!node) return ['null'];
  if (isMapNode(node)) return ['object'];
  if (isSeqNode(node)) return ['array'];
  if (isScalarNode(node)) {
    const v = node.value;
    if (v === null || v === undefined) return ['null'];
    if (typeof v === 'boolean') return ['boolean'];
    if (typeof v === 'number' || typeof v === 'bigint') {
      return pythonTypeName(node) === 'int' ? ['integer', 'number'] : ['number'];
    }
    if (typeof v === 'string') return ['string'];
  }
  return ['other'];
}

function schemaTypes(schema: JsonSchema): string[] | null {
  if (schema.type === undefined) return null;
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function describeTypes(types: string[]): string {
  const words = [...new Set(types.filter((t) => t !== 'null').map((t) => TYPE_WORDS[t] ?? t))];
  return words.length <= 1 ? (words[0] ?? 'null') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** All the types a schema (and its anyOf branches) admits, for a message. */
function admittedTypes(root: JsonSchema, schema: JsonSchema): string[] {
  const s = resolveRef(root, schema);
  const own = schemaTypes(s);
  if (own) return own;
  const out: string[] = [];
  for (const b of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) out.push(...admittedTypes(root, b));
  if (!out.length && s.properties) out.push('object');
  return out;
}

function scalarValue(node: YNode | null): unknown {
  return isScalarNode(node) ? node.value : undefined;
}

function equalsEnum(value: unknown, allowed: unknown, caseInsensitive: boolean): boolean {
  if (caseInsensitive && typeof value === 'string' && typeof allowed === 'string') {
    return value.trim().toLowerCase() === allowed.toLowerCase() || value.toUpperCase() === allowed.toUpperCase();
  }
  return value === allowed;
}

function shown(node: YNode | null): string {
  const v = scalarValue(node);
  return typeof v === 'string' ? `'${v}'` : String(v);
}

export class SchemaValidator {
  constructor(private readonly root: JsonSchema) {}

  validate(node: YNode | null, anchor: Span): SchemaProblem[] {
    const problems: SchemaProblem[] = [];
    this.check(node, this.root, [], anchor, problems);
    return problems;
  }

  private check(node: YNode | null, schemaIn: JsonSchema, path: PathStep[], anchor: Span, out: SchemaProblem[]): void {
    const schema = resolveRef(this.root, schemaIn);
    const where = spanOf(node, anchor);
    const name = formatPath(path) || 'the contract';

    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) {
      this.checkBranches(node, schema, branches, path, anchor, out);
    }
    for (const part of schema.allOf ?? []) this.check(node, part, path, anchor, out);

    const types = schemaTypes(schema);
    const actual = jsonTypes(node);
    if (types && !types.some((t) => actual.includes(t))) {
      out.push({ kind: 'type', path, span: where, message: `${name} must be ${describeTypes(types)}, got ${pythonTypeName(node)}` });
      return;
    }
    if (schema.enum && node && isScalarNode(node)) {
      const ci = schema['x-onex-caseInsensitive'] === true;
      if (!schema.enum.some((e) => equalsEnum(node.value, e, ci))) {
        out.push({
          kind: 'enum', path, span: where,
          message: `Invalid ${name} ${shown(node)}. Must be one of: ${schema.enum.map(String).join(', ')}`,
        });
      }
    }
    if (schema.const !== undefined && scalarValue(node) !== schema.const) {
      out.push({ kind: 'enum', path, span: where, message: `${name} must be ${JSON.stringify(schema.const)}` });
    }
    const value = scalarValue(node);
    if (typeof value === 'number') {
      if (schema.minimum !== undefined && value < schema.minimum) {
        out.push({ kind: 'range', path, span: where, message: schema.minimum === 0 ? `${name} must be non-negative, got ${value}` : `${name} must be at least ${schema.minimum}, got ${value}` });
      }
      if (schema.maximum !== undefined && value > schema.maximum) {
        out.push({ kind: 'range', path, span: where, message: `${name} must be at most ${schema.maximum}, got ${value}` });
      }
      if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) {
        out.push({ kind: 'range', path, span: where, message: `${name} must be greater than ${schema.exclusiveMinimum}, got ${value}` });
      }
    }
    if (typeof value === 'string') {
      if (schema.minLength !== undefined && value.length < schema.minLength) {
        out.push({ kind: 'length', path, span: where, message: schema.minLength === 1 ? `${name} must not be empty` : `${name} must have at least ${schema.minLength} characters` });
      }
      if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        out.push({ kind: 'length', path, span: where, message: `${name} must have at most ${schema.maxLength} characters` });
      }
      if (schema.pattern !== undefined && !safeRegExp(schema.pattern)?.test(value)) {
        out.push({ kind: 'pattern', path, span: where, message: `${name} ${shown(node)} does not match ${schema.pattern}` });
      }
    }
    if (isMapNode(node)) this.checkMap(node.items as Pair<YNode, YNode | null>[], schema, path, where, anchor, out);
    if (isSeqNode(node)) {
      const items = node.items as YNode[];
      if (schema.minItems !== undefined && items.length < schema.minItems) {
        out.push({ kind: 'length', path, span: where, message: `${name} must have at least ${schema.minItems} item(s)` });
      }
      if (schema.maxItems !== undefined && items.length > schema.maxItems) {
        out.push({ kind: 'length', path, span: where, message: `${name} must have at most ${schema.maxItems} item(s)` });
      }
      if (schema.items) items.forEach((item, i) => this.check(item, schema.items!, [...path, i], where, out));
    }
  }

  private checkMap(pairs: Pair<YNode, YNode | null>[], schema: JsonSchema, path: PathStep[], where: Span, anchor: Span, out: SchemaProblem[]): void {
    // PyYAML keeps the last of repeated keys: check that one.
    const byKey = new Map<string, Pair<YNode, YNode | null>>();
    for (const pair of pairs) {
      const key = keyText(pair);
      if (key !== null) byKey.set(key, pair);
    }
    const ownerSpan = path.length === 0 ? anchor : where;
    for (const key of schema.required ?? []) {
      if (byKey.has(key)) continue;
      const message = path.length === 0
        ? `Required field '${key}' is missing`
        : `${formatPath(path)} is missing required field '${key}'`;
      out.push({ kind: 'required', path, key, span: ownerSpan, message });
    }
    for (const [key, pair] of byKey) {
      const childPath = [...path, key];
      const propSchema = schema.properties?.[key];
      const at = keySpan(pair, where);
      if (propSchema) {
        const resolved = resolveRef(this.root, propSchema);
        if (resolved.deprecated) {
          out.push({ kind: 'deprecated', path: childPath, key, span: at, message: resolved.description ?? `'${key}' is deprecated` });
          continue;
        }
        this.check(pair.value ?? null, propSchema, childPath, at, out);
      } else if (schema.additionalProperties === false) {
        out.push({ kind: 'additional', path: childPath, key, span: at, message: `${formatPath(path) || 'the contract'} does not allow the key '${key}'` });
      } else if (typeof schema.additionalProperties === 'object') {
        this.check(pair.value ?? null, schema.additionalProperties, childPath, at, out);
      }
    }
  }

  private checkBranches(node: YNode | null, schema: JsonSchema, branches: JsonSchema[], path: PathStep[], anchor: Span, out: SchemaProblem[]): void {
    const results = branches.map((b) => {
      const problems: SchemaProblem[] = [];
      this.check(node, b, path, anchor, problems);
      return { branch: b, problems };
    });
    if (results.some((r) => r.problems.length === 0)) return;
    // Report through the branch of the value's own type (a mapping missing a key, not "must be a string").
    const actual = jsonTypes(node);
    const typed = results.find((r) => admittedTypes(this.root, r.branch).some((t) => actual.includes(t)));
    if (typed) {
      out.push(...typed.problems);
      return;
    }
    const types = branches.flatMap((b) => admittedTypes(this.root, b));
    out.push({
      kind: 'type', path, span: spanOf(node, anchor),
      message: `${formatPath(path) || 'the contract'} must be ${describeTypes(types)}, got ${pythonTypeName(node)}`,
    });
    void schema;
  }
}

const patterns = new Map<string, RegExp | null>();

/** The framework's Python patterns as JavaScript ones (they use no construct the two read differently). */
export function safeRegExp(pattern: string): RegExp | null {
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    patterns.set(pattern, re);
  }
  return re;
}
