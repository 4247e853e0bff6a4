// What ONEX003 and ONEX008 read in a publishing call: which calls publish raw events, whether a
// call mentions an envelope, whether an enveloped publish is protected by a try/catch, and where the
// envelope's metadata is.
import type { ts } from 'ts-morph';
import {
  SyntaxKind, isArrowFunction, isAwaitExpression, isCallExpression, isClassLike, isComputedPropertyName,
  isConstructorDeclaration, isElementAccessExpression, isFunctionExpression, isIdentifier, isMethodDeclaration,
  isObjectLiteralExpression, isParenthesizedExpression, isPrivateIdentifier, isPropertyAccessExpression,
  isPropertyAssignment, isSourceFile, isSpreadAssignment, isSpreadElement, isStringLiteralLike, isTryStatement,
} from '../typescript/api';
import type { TsClass } from '../typescript/model';
import { type Node, callInfo, isFunctionNode, nameText, normalizeName, unwrap, walk } from '../typescript/syntax';

/** Methods that send an event as it is, without the OnexEnvelopeV1 wrapping. */
export const RAW_PUBLISH_METHODS: ReadonlySet<string> = new Set([
  'publish', 'publishEvent', 'publishRawEvent', 'publishMessage', 'send', 'sendAndWait', 'produce',
]);

export const ENVELOPE_METHOD = 'publishWithEnvelope';

/**
 * The name a receiver goes by: the identifier, the last property, or the name of the method that
 * produced it (`this.getKafkaClient()`); null for anything else.
 */
export function receiverName(receiver: ts.Expression | undefined): string | null {
  let r = receiver ? unwrap(receiver) : undefined;
  while (r && (isCallExpression(r) || isAwaitExpression(r))) r = unwrap(r.expression);
  if (!r) return null;
  if (isIdentifier(r) || isPrivateIdentifier(r)) return r.text;
  if (isPropertyAccessExpression(r)) return r.name.text;
  if (isElementAccessExpression(r) && isStringLiteralLike(r.argumentExpression)) return r.argumentExpression.text;
  return null;
}

/** Receivers that are event publishers: their name contains kafka, producer or eventBus (any case). */
export function isEventReceiver(receiver: ts.Expression | undefined): boolean {
  const name = receiverName(receiver);
  if (!name) return false;
  const n = normalizeName(name);
  return n.includes('kafka') || n.includes('producer') || n.includes('eventbus');
}

/** Whether the arguments already carry an envelope (`publish(envelope)`, `send({ value: JSON.stringify(envelope) })`). */
export function mentionsEnvelope(call: ts.CallExpression): boolean {
  let found = false;
  for (const arg of call.arguments) {
    if (isIdentifier(arg) && arg.text.toLowerCase().includes('envelope')) found = true;
    walk(arg, (n) => {
      if (found) return false;
      if (isIdentifier(n) && n.text.toLowerCase().includes('envelope')) found = true;
      return;
    });
  }
  return found;
}

export function isRawPublish(call: ts.CallExpression): boolean {
  const info = callInfo(call);
  return !!info && RAW_PUBLISH_METHODS.has(info.name) && isEventReceiver(info.receiver) && !mentionsEnvelope(call);
}

export function isEnvelopePublish(call: ts.CallExpression): boolean {
  return callInfo(call)?.name === ENVELOPE_METHOD;
}

/** The method, constructor or function declaration around node (arrow functions and function expressions are crossed). */
function enclosingMethod(node: Node): ts.FunctionLikeDeclaration | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (isFunctionNode(p) && !isArrowFunction(p) && !isFunctionExpression(p)) return p;
    if (isClassLike(p) || isSourceFile(p)) return undefined;
  }
  return undefined;
}

/** Whether the promise of a call is handled: `.catch(...)`, `.then(ok, failed)`, `Promise.allSettled([...])`. */
function promiseHandled(call: ts.CallExpression): boolean {
  let current: Node = call;
  for (let i = 0; i < 10; i++) {
    let parent = current.parent;
    while (parent && isParenthesizedExpression(parent)) {
      current = parent;
      parent = parent.parent;
    }
    if (parent && isPropertyAccessExpression(parent) && parent.expression === current && isCallExpression(parent.parent)) {
      const name = parent.name.text;
      if (name === 'catch') return true;
      if (name === 'then' && parent.parent.arguments.length >= 2) return true;
      if (name === 'then' || name === 'finally') {
        current = parent.parent;
        continue;
      }
    }
    break;
  }
  for (let p: Node | undefined = call.parent; p && !isClassLike(p); p = p.parent) {
    if (isCallExpression(p)) {
      const info = callInfo(p);
      if (info?.name === 'allSettled') return true;
    }
    if (isFunctionNode(p) && !isArrowFunction(p) && !isFunctionExpression(p)) break;
  }
  return false;
}

/** Whether node is inside the try block of a try statement with a catch clause, within its method. */
function directlyProtected(node: Node): boolean {
  if (isCallExpression(node) && promiseHandled(node)) return true;
  for (let p: Node | undefined = node.parent; p; p = p.parent) {
    if (isFunctionNode(p) && !isArrowFunction(p) && !isFunctionExpression(p)) return false;
    if (isClassLike(p)) return false;
    if (isTryStatement(p) && p.catchClause && node.pos >= p.tryBlock.pos && node.end <= p.tryBlock.end) return true;
  }
  return false;
}

/**
 * Whether a failure of the call is caught: by a try/catch (or a promise handler) around it in its own
 * method, or, for a helper method of the class, around every `this.helper(...)` call of it in the class.
 */
export function isProtected(cls: TsClass, node: Node, visiting: Set<string> = new Set()): boolean {
  if (directlyProtected(node)) return true;
  const fn = enclosingMethod(node);
  if (!fn || !(isMethodDeclaration(fn) || isConstructorDeclaration(fn))) {
    // A function-valued property (`publish = async () => {...}`) is a helper too.
    const prop = fn ? undefined : propertyHelper(cls, node);
    if (!prop) return false;
    return helperProtected(cls, prop.name, prop.node, visiting);
  }
  if (isConstructorDeclaration(fn)) return false;
  const name = nameText(fn.name);
  if (!name) return false;
  return helperProtected(cls, name, fn, visiting);
}

function propertyHelper(cls: TsClass, node: Node): { name: string; node: Node } | undefined {
  for (const m of cls.members.values()) {
    if (m.kind === 'property' && m.fn && node.pos >= m.fn.pos && node.end <= m.fn.end) return { name: m.name, node: m.node };
  }
  return undefined;
}

function helperProtected(cls: TsClass, name: string, helper: Node, visiting: Set<string>): boolean {
  if (visiting.has(name)) return false;
  const sites: Node[] = [];
  let escapes = false;
  walk(cls.node, (n) => {
    if (!isPropertyAccessExpression(n) || n.name.text !== name || n.expression.kind !== SyntaxKind.ThisKeyword) return;
    if (n.pos >= helper.pos && n.end <= helper.end) return; // recursion
    const parent = n.parent;
    if (isCallExpression(parent) && parent.expression === n) sites.push(parent);
    else escapes = true; // passed as a callback: where it runs is unknown
  });
  if (escapes || sites.length === 0) return false;
  const next = new Set(visiting).add(name);
  return sites.every((site) => isProtected(cls, site, next));
}

export type MetadataArgument =
  | { kind: 'missing'; options: ts.ObjectLiteralExpression | null }
  | { kind: 'literal'; literal: ts.ObjectLiteralExpression; keys: Set<string> }
  | { kind: 'unknown' };

/**
 * The metadata of a publishWithEnvelope call: the `metadata` property of its options object
 * (`publishWithEnvelope({ ..., metadata: {...} })`), or the sixth positional argument
 * (`publishWithEnvelope(eventType, sourceNodeId, payload, topic, correlationId, metadata)`).
 */
export function metadataOf(call: ts.CallExpression): MetadataArgument {
  const args = call.arguments;
  if (args.length === 0) return { kind: 'unknown' };
  const first = unwrap(args[0]);
  let value: ts.Expression | undefined;
  if (args.length === 1) {
    if (!isObjectLiteralExpression(first)) return { kind: 'unknown' };
    for (const p of first.properties) {
      if (isSpreadAssignment(p) || (p.name && isComputedPropertyName(p.name))) return { kind: 'unknown' };
      if (p.name && nameText(p.name) === 'metadata') {
        if (isPropertyAssignment(p)) value = p.initializer;
        else return { kind: 'unknown' }; // shorthand `metadata`: built elsewhere
      }
    }
    if (!value) return { kind: 'missing', options: first };
  } else {
    if (args.some((a) => isSpreadElement(a))) return { kind: 'unknown' };
    if (args.length < 6) return { kind: 'missing', options: null };
    value = args[5];
  }
  const v = unwrap(value);
  if (!isObjectLiteralExpression(v)) return { kind: 'unknown' };
  const keys = new Set<string>();
  for (const p of v.properties) {
    if (isSpreadAssignment(p) || (p.name && isComputedPropertyName(p.name))) return { kind: 'unknown' };
    const key = p.name ? nameText(p.name) : null;
    if (key) keys.add(key);
  }
  return { kind: 'literal', literal: v, keys };
}

export const METADATA_KEYS = ['event_category', 'node_type', 'namespace'] as const;
