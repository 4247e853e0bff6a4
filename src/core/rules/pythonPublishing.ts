// What ONEX003 and ONEX008 read in a publishing call: which calls publish raw events, whether a
// call mentions an envelope, whether an enveloped publish is protected by a broad `try`.
import type { PyClass } from '../python/model';
import { type Node, callInfo, children, field, walk } from '../python/syntax';
import {
  enclosingFunctionOrLambda, enclosingTryBodies, handlersOf, isBroadHandler, receiverName,
} from './pythonNodeClasses';

/** Methods that send an event as it is, without the OnexEnvelopeV1 wrapping. */
export const RAW_PUBLISH_METHODS: ReadonlySet<string> = new Set([
  'publish', 'publish_event', 'publish_raw_event', 'publish_message', 'send', 'send_and_wait', 'produce',
]);

export const ENVELOPE_METHOD = 'publish_with_envelope';

/** Receivers that are event publishers: their name contains kafka, producer or event_bus (any case). */
export function isEventReceiver(receiver: Node | null): boolean {
  const name = receiverName(receiver)?.toLowerCase();
  return !!name && (name.includes('kafka') || name.includes('producer') || name.includes('event_bus'));
}

/**
 * Whether the arguments already carry an envelope (`publish(envelope)`, `send(topic, value=env.model_dump())`,
 * `publish(ModelOnexEnvelopeV1(...))`): such a call publishes with the envelope, just not through
 * publish_with_envelope, so the rule stays silent.
 */
export function mentionsEnvelope(call: Node): boolean {
  const args = field(call, 'arguments');
  if (!args) return false;
  let found = false;
  walk(args, (n) => {
    if (found) return false;
    if (n.type === 'identifier' && n.text.toLowerCase().includes('envelope')) found = true;
    return true;
  });
  return found;
}

/** A raw publish: a RAW_PUBLISH_METHODS call on an event receiver with no envelope in its arguments. */
export function isRawPublish(call: Node): boolean {
  const info = callInfo(call);
  return !!info && RAW_PUBLISH_METHODS.has(info.name) && isEventReceiver(info.receiver) && !mentionsEnvelope(call);
}

export function isEnvelopePublish(call: Node): boolean {
  return callInfo(call)?.name === ENVELOPE_METHOD;
}

function directlyProtected(node: Node): boolean {
  return enclosingTryBodies(node).some((t) => handlersOf(t).some(isBroadHandler));
}

/**
 * Whether a failure of the call at `node` is caught by a `try` with a broad handler: around the call
 * in its own function, or, for a helper method of the class, around every `self.helper(...)` call of
 * it in the class (a helper called only from protected places cannot fail the workflow).
 */
export function isProtected(cls: PyClass, node: Node, visiting: Set<string> = new Set()): boolean {
  if (directlyProtected(node)) return true;
  const fn = enclosingFunctionOrLambda(node);
  if (!fn || fn.type !== 'function_definition') return false;
  const method = [...cls.methods.values()].find((m) => m.node.id === fn.id);
  if (!method || visiting.has(method.name)) return false;
  const self = children(field(fn, 'parameters') ?? fn).find((p) => p.type === 'identifier')?.text ?? 'self';
  const sites: Node[] = [];
  let escapes = false;
  for (const n of cls.node.descendantsOfType('attribute')) {
    if (field(n, 'attribute')?.text !== method.name || field(n, 'object')?.text !== self) continue;
    if (n.startIndex >= fn.startIndex && n.endIndex <= fn.endIndex) continue; // recursion
    const parent = n.parent;
    if (parent?.type === 'call' && field(parent, 'function')?.id === n.id) sites.push(parent);
    else escapes = true; // passed as a callback: where it runs is unknown
  }
  if (escapes || sites.length === 0) return false;
  const next = new Set(visiting).add(method.name);
  return sites.every((site) => isProtected(cls, site, next));
}
