// Reads of the process environment in a Python file, shared by ONEX014 (env reads in node and handler
// code) and ONEX015 (hardcoded endpoint fallbacks): `os.environ.get(K[, D])`, `os.getenv(K[, D])` and
// `os.environ[K]`, through any import of them (`import os as _os`, `from os import getenv as env`,
// `from os import environ`), with the name read, the default given and an `or <literal>` fallback around
// the read, as omnibase_core's substrate gate env_silent_fallback reads them.
import type { PyFile } from '../python/model';
import { type Node, children, field, positionalArguments, keywordArgument, stringValue } from '../python/syntax';
import { parentSkippingParens, unparen } from './pythonScope';
import { qualifiedName } from './todayScope';

export type EnvReadKind = 'environ.get' | 'getenv' | 'environ[]';

export interface EnvRead {
  /** The call (`os.getenv(...)`) or subscript (`os.environ[...]`). */
  node: Node;
  kind: EnvReadKind;
  /** The name's expression, and its value when it is a plain string literal. */
  nameNode: Node | null;
  name: string | null;
  /** The default given (a second positional argument or `default=`), unless it is `None`. */
  defaultNode: Node | null;
  /** `<read> or <literal>`: the boolean operator and its right-hand literal. */
  orFallback: { operator: Node; literal: Node } | null;
}

const LITERALS = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false']);

/** A literal constant (what `ast.Constant` holds), `None` aside: an `or None` falls back to nothing. */
function isLiteral(node: Node): boolean {
  const n = unparen(node);
  if (n.type === 'unary_operator') {
    const argument = field(n, 'argument');
    return !!argument && isLiteral(argument);
  }
  return LITERALS.has(n.type) && !(n.type === 'string' && children(n).some((c) => c.type === 'interpolation'));
}

function orFallbackOf(read: Node): EnvRead['orFallback'] {
  const { parent, child } = parentSkippingParens(read);
  if (parent?.type !== 'boolean_operator' || field(parent, 'left')?.id !== child.id) return null;
  // (tree-sitter-python gives the operator as an anonymous `or` / `and` token between the operands)
  if (!parent.children.some((c) => c.type === 'or')) return null;
  const right = field(parent, 'right');
  return right && isLiteral(right) ? { operator: parent, literal: right } : null;
}

const reads = new WeakMap<PyFile, EnvRead[]>();

/** Every read of the environment in the file (cached per file model). */
export function environmentReads(file: PyFile): EnvRead[] {
  const cached = reads.get(file);
  if (cached) return cached;
  const out: EnvRead[] = [];
  reads.set(file, out);
  if (!file.textIncludes('environ') && !file.textIncludes('getenv')) return out;
  for (const call of file.root.descendantsOfType('call')) {
    const qualified = qualifiedName(file, field(call, 'function'));
    if (qualified !== 'os.environ.get' && qualified !== 'os.getenv') continue;
    const nameNode = positionalArguments(call)[0] ?? keywordArgument(call, 'key');
    const given = positionalArguments(call)[1] ?? keywordArgument(call, 'default');
    const defaultNode = given && unparen(given).type !== 'none' ? given : null;
    out.push({
      node: call, kind: qualified === 'os.getenv' ? 'getenv' : 'environ.get',
      nameNode: nameNode ?? null, name: stringValue(nameNode ? unparen(nameNode) : null),
      defaultNode, orFallback: orFallbackOf(call),
    });
  }
  for (const subscript of file.root.descendantsOfType('subscript')) {
    if (qualifiedName(file, field(subscript, 'value')) !== 'os.environ') continue;
    // An assignment or deletion target writes the environment; only reads count.
    const { parent, child } = parentSkippingParens(subscript);
    if ((parent?.type === 'assignment' || parent?.type === 'augmented_assignment') && field(parent, 'left')?.id === child.id) continue;
    if (parent?.type === 'delete_statement') continue;
    const nameNode = field(subscript, 'subscript');
    out.push({
      node: subscript, kind: 'environ[]', nameNode, name: stringValue(nameNode ? unparen(nameNode) : null),
      defaultNode: null, orFallback: null,
    });
  }
  out.sort((a, b) => a.node.startIndex - b.node.startIndex);
  return out;
}

/** `localhost`, `127.0.0.1` and their URLs, as infra's validate_no_env_fallbacks.py lists them. */
export function isLocalhostValue(value: string): boolean {
  return value.includes('localhost') || value.includes('127.0.0.1');
}

/** A private 192.168.x.x address (validate_no_env_fallbacks.py's _PRIV_IP). */
export function isPrivateIpValue(value: string): boolean {
  return /192\.168\.\d{1,3}\.\d{1,3}/.test(value);
}

/** The value of a string literal default that points at a local or private host, else null. */
export function hardcodedEndpoint(node: Node | null): string | null {
  const value = node ? stringValue(unparen(node)) : null;
  if (value === null || value.includes('"') || value.includes("'")) return null;
  return isLocalhostValue(value) || isPrivateIpValue(value) ? value : null;
}
