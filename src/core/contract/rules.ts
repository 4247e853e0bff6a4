// The contract rules no JSON Schema expresses, each beside a comment naming the framework code it
// mirrors (paths relative to omnibase_core / omnibase_infra 0.46.8 / 0.38.x, or infra's repository
// scripts). They read the values the schema generator took from that code (schema "x-onex").
import type { Pair } from 'yaml';
import type { Span } from '../types';
import {
  isMapNode, isScalarNode, isSeqNode, keySpan, keyText, pairOf, seqItems, spanOf, stringOf, valueOf,
  type ContractDocument, type YNode,
} from './document';
import type { ContractRuleId } from './meta';
import type { ContractSchema, TopicRules } from './schema';
import { closestMatch } from './similar';
import { safeRegExp } from './validate';

export interface ContractRawFinding {
  ruleId: ContractRuleId;
  message: string;
  span: Span;
  /** JSON data the fixes read. */
  data?: ContractFixData;
}

export type ContractFixData =
  | { fix: 'add-key'; key: string; path: (string | number)[] }
  | { fix: 'rename-key'; from: string; to: string }
  | { fix: 'replace-value'; value: string; title: string }
  | { fix: 'rewrite-topic'; topic: string }
  | { fix: 'add-operation'; entry: number }
  | { fix: 'add-publish-topic'; topic: string };

export interface RuleContext {
  doc: ContractDocument;
  root: YNode;
  schema: ContractSchema;
  /** The project's topic producer, when known: the one fixes write (the first of `producers`). */
  producer: string | null;
  /** Every producer that is the project's own (ContractCheckOptions.producers and its top-level package's). */
  producers: readonly string[];
  /** Where to report what belongs to the whole file: the first top-level key. */
  anchor: Span;
}

const at = (ctx: RuleContext, node: YNode | null | undefined): Span => spanOf(node, ctx.anchor);

function entryAnchor(ctx: RuleContext, entry: YNode): Span {
  // An entry is reported on its first key (the `- operation:` line), not its whole extent.
  if (isMapNode(entry) && entry.items.length) return keySpan(entry.items[0] as Pair, at(ctx, entry));
  return at(ctx, entry);
}

/** ONEX022 — infra:src/omnibase_infra/validation/linter_contract.py::_validate_unknown_fields
 * (KNOWN_CONTRACT_FIELDS, "did you mean?" through difflib.get_close_matches, cutoff 0.6). */
export function unknownKeys(ctx: RuleContext): ContractRawFinding[] {
  const known = ctx.schema['x-onex'].knownFields;
  if (!known || !isMapNode(ctx.root)) return [];
  const out: ContractRawFinding[] = [];
  const knownSet = new Set(known);
  for (const pair of ctx.root.items as Pair[]) {
    const key = keyText(pair);
    if (key === null || knownSet.has(key)) continue;
    // A key ModelYamlContract rejects (`version`) is ONEX021's finding.
    if (ctx.schema.properties?.[key]?.deprecated) continue;
    const similar = closestMatch(key, known);
    out.push({
      ruleId: 'ONEX022',
      message: similar
        ? `Unknown field '${key}'. Did you mean '${similar}'? (infra ContractLinter)`
        : `Unknown field '${key}': not a field the infra ContractLinter knows (KNOWN_CONTRACT_FIELDS)`,
      span: keySpan(pair, ctx.anchor),
      data: similar ? { fix: 'rename-key', from: key, to: similar } : undefined,
    });
  }
  return out;
}

/** ONEX023 — linter_contract.py warnings: _validate_model_reference (Model prefix),
 * _validate_name_convention (^[a-z][a-z0-9_]*$), _validate_version_compatibility (semver string). */
export function conventions(ctx: RuleContext): ContractRawFinding[] {
  const out: ContractRawFinding[] = [];
  for (const field of ['input_model', 'output_model']) {
    const nameNode = valueOf(valueOf(ctx.root, field), 'name');
    const name = stringOf(nameNode);
    if (name !== null && !name.startsWith('Model')) {
      out.push({ ruleId: 'ONEX023', message: `${field}.name should start with 'Model' prefix per ONEX conventions`, span: at(ctx, nameNode) });
    }
  }
  const nameNode = valueOf(ctx.root, 'name');
  const name = stringOf(nameNode);
  if (name !== null && !/^[a-z][a-z0-9_]*$/.test(name)) {
    out.push({ ruleId: 'ONEX023', message: `Node name '${name}' should be snake_case (lowercase with underscores)`, span: at(ctx, nameNode) });
  }
  // The linter checks node_version only when contract_version is a mapping.
  const versionNode = valueOf(ctx.root, 'node_version');
  const version = stringOf(versionNode);
  if (isMapNode(valueOf(ctx.root, 'contract_version')) && version !== null && !/^\d+\.\d+\.\d+(-[a-zA-Z0-9.]+)?$/.test(version)) {
    out.push({ ruleId: 'ONEX023', message: `node_version '${version}' is not a valid semantic version`, span: at(ctx, versionNode) });
  }
  return out;
}

function routingHandlers(root: YNode): { routing: YNode | null | undefined; handlers: YNode[] | null } {
  const routing = valueOf(root, 'handler_routing');
  if (!isMapNode(routing)) return { routing, handlers: null };
  const list = valueOf(routing, 'handlers');
  return { routing, handlers: isSeqNode(list) ? seqItems(list) : null };
}

/** ONEX024 — core:validators/operation_match_requires_operation.py (every entry of a strategy other
 * than payload_type_match needs a non-empty `operation`, as RuntimeLocal._validate_routing demands)
 * and core:validators/command_category_requires_event_model.py (message_category: command needs a
 * non-empty event_model). */
export function routingEntries(ctx: RuleContext): ContractRawFinding[] {
  const routingData = ctx.schema['x-onex'].routing;
  const { routing, handlers } = routingHandlers(ctx.root);
  if (!routingData || !handlers) return [];
  const out: ContractRawFinding[] = [];
  const strategy = stringOf(valueOf(routing, 'routing_strategy')) ?? '';
  handlers.forEach((entry, index) => {
    if (!isMapNode(entry)) return;
    if (strategy !== routingData.payloadTypeMatch) {
      const operation = stringOf(valueOf(entry, 'operation'));
      if (operation === null || !operation.trim()) {
        out.push({
          ruleId: 'ONEX024',
          message: `handlers[${index}] (handler=${handlerName(entry)}) is missing 'operation' (routing_strategy=${strategy || '(absent → defaults to operation_match)'}): the runtime fails closed at startup`,
          span: entryAnchor(ctx, entry),
          data: { fix: 'add-operation', entry: index },
        });
      }
    }
    const categoryNode = valueOf(entry, 'message_category');
    const category = stringOf(categoryNode);
    if (category !== null && category.trim().toLowerCase() === routingData.commandCategory && !hasEventModel(entry)) {
      out.push({
        ruleId: 'ONEX024',
        message: `handlers[${index}] (handler=${handlerName(entry)}) has message_category: command but no event_model: the dispatcher cannot resolve the command payload type (OMN-13003)`,
        span: at(ctx, categoryNode),
      });
    }
  });
  return out;
}

function hasEventModel(entry: YNode): boolean {
  const model = valueOf(entry, 'event_model');
  if (isMapNode(model)) return !!stringOf(valueOf(model, 'name'))?.trim();
  return !!stringOf(model)?.trim();
}

function handlerName(entry: YNode): string {
  const handler = valueOf(entry, 'handler');
  return stringOf(valueOf(handler, 'name')) || stringOf(valueOf(entry, 'handler_key')) || stringOf(valueOf(entry, 'handler_class')) || '<unnamed>';
}

/** Strings of a list, as tuple(list) keeps them (None when the value is not a list). */
function stringList(node: YNode | null | undefined): string[] {
  return seqItems(node).map(stringOf).filter((s): s is string => s !== null);
}

/** infra:runtime/auto_wiring/handler_wiring.py::_derive_message_category. */
export function derivedCategory(topic: string): string {
  const kind = topic.split('.')[1];
  if (kind === 'cmd') return 'command';
  if (kind === 'intent') return 'intent';
  return 'event';
}

/** handler_wiring.py::_derive_event_type_alias_from_topic. */
function eventTypeAlias(topic: string): string | null {
  const parts = topic.split('.');
  return parts.length >= 5 && parts[0] === 'onex' ? `${parts[2]}.${parts[3]}` : null;
}

/** handler_wiring.py::_topics_for_handler_entry over the contract as discovery parses it. */
export function topicsForEntry(entry: YNode, subscribeTopics: readonly string[], handlerCount: number): string[] {
  const topic = stringOf(valueOf(entry, 'topic'))?.trim() ?? '';
  if (topic) return subscribeTopics.includes(topic) ? [topic] : [];
  const eventType = stringOf(valueOf(entry, 'event_type'))?.trim() ?? '';
  if (eventType) return subscribeTopics.filter((t) => t === eventType || eventTypeAlias(t) === eventType);
  const model = valueOf(entry, 'event_model');
  if (!isMapNode(model) && stringOf(model) === null) return [...subscribeTopics];
  if (subscribeTopics.length === 1) return [...subscribeTopics];
  if (handlerCount === 1) return [...subscribeTopics];
  return [];
}

/** ONEX025 — infra:validators/mixed_category_routing.py::mixed_category_findings: an entry whose
 * assigned topics span more than one real category gets one category stamped on every route. */
export function mixedCategories(ctx: RuleContext): ContractRawFinding[] {
  const { handlers } = routingHandlers(ctx.root);
  const bus = valueOf(ctx.root, 'event_bus');
  if (!handlers || !isMapNode(bus)) return [];
  const subscribe = stringList(valueOf(bus, 'subscribe_topics'));
  const out: ContractRawFinding[] = [];
  handlers.forEach((entry, index) => {
    if (!isMapNode(entry) || !isMapNode(valueOf(entry, 'handler'))) return;
    const topics = topicsForEntry(entry, subscribe, handlers.length);
    if (topics.length < 2) return;
    const categories = [...new Set(topics.map(derivedCategory))].sort();
    if (categories.length < 2) return;
    out.push({
      ruleId: 'ONEX025',
      message: `handlers[${index}] (${handlerName(entry)}) is assigned topics of ${categories.length} message categories (${categories.join('+')}): the runtime stamps one category on every route, so the other topics never dispatch. Split it into one entry per topic with its own message_category`,
      span: entryAnchor(ctx, entry),
    });
  });
  return out;
}

/** ONEX026 — infra:scripts/validation/check_published_events_consistency.py. */
export function publishedTopics(ctx: RuleContext): ContractRawFinding[] {
  const published = valueOf(ctx.root, 'published_events');
  if (!isSeqNode(published)) return [];
  const bus = valueOf(ctx.root, 'event_bus');
  const declared = new Set(stringList(isMapNode(bus) ? valueOf(bus, 'publish_topics') : null));
  const out: ContractRawFinding[] = [];
  for (const entry of seqItems(published)) {
    if (!isMapNode(entry)) continue;
    const topicNode = valueOf(entry, 'topic');
    const topic = stringOf(topicNode);
    if (!topic || declared.has(topic)) continue;
    const eventType = stringOf(valueOf(entry, 'event_type')) ?? '<unknown>';
    out.push({
      ruleId: 'ONEX026',
      message: `published_events entry '${eventType}' declares topic '${topic}' but it is missing from event_bus.publish_topics`,
      span: at(ctx, topicNode),
      data: { fix: 'add-publish-topic', topic },
    });
  }
  return out;
}

export interface TopicOccurrence {
  topic: string;
  node: YNode;
  /** Whether core's validate_topic_suffix applies (event_bus subscribe/publish topics). */
  suffixChecked: boolean;
}

/** Topic strings as infra's lint_topic_names.py::_extract_raw_topics_from_contract finds them. */
export function topicOccurrences(root: YNode, rules: TopicRules): TopicOccurrence[] {
  const out: TopicOccurrence[] = [];
  const bus = valueOf(root, 'event_bus');
  if (isMapNode(bus)) {
    for (const key of rules.lint.eventBusSectionKeys) {
      const list = valueOf(bus, key);
      for (const item of seqItems(list)) {
        const text = stringOf(item);
        if (text) out.push({ topic: text, node: item, suffixChecked: true });
        else if (isMapNode(item)) {
          const topic = valueOf(item, 'topic');
          const t = stringOf(topic);
          if (t && topic) out.push({ topic: t, node: topic, suffixChecked: false });
        }
      }
    }
  }
  for (const key of rules.lint.eventSectionKeys) {
    for (const item of seqItems(valueOf(root, key))) {
      if (!isMapNode(item)) continue;
      for (const field of ['topic', 'name']) {
        const node = valueOf(item, field);
        const t = stringOf(node);
        if (t && node) out.push({ topic: t, node, suffixChecked: false });
      }
    }
  }
  return out;
}

/** core:utils/util_topic_suffix.py::check_topic_suffix (validate_topic_suffix): the first failing rule's message. */
export function topicSuffixError(suffix: string, rules: TopicRules): string | null {
  if (/[\n\r\t\0\v\f]/.test(suffix)) return 'Suffix contains invalid control characters (newline, tab, etc.)';
  const stripped = suffix.trim();
  if (!stripped) return 'Suffix cannot be empty';
  if (stripped !== stripped.toLowerCase()) return 'Suffix must be lowercase';
  const segments = stripped.split('.');
  if (rules.envPrefixes.includes(segments[0])) return `Suffix must not start with environment prefix '${segments[0]}.'`;
  if (segments.length !== rules.segmentCount) {
    return `Suffix must have exactly ${rules.segmentCount} segments (onex.kind.producer.event-name.version). Got ${segments.length} segments.`;
  }
  if (segments[0] !== rules.prefix) return `Suffix must start with '${rules.prefix}.' prefix. Got: '${segments[0]}.'`;
  const [, kind, producer, event, version] = segments;
  if (!rules.kinds.includes(kind)) return `Kind must be one of: ${rules.kinds.join(', ')}. Got: '${kind}'`;
  const kebab = safeRegExp(rules.kebabPattern);
  if (!kebab?.test(producer)) return `Producer must be kebab-case (lowercase letters, digits, hyphens, starting with letter). Got: '${producer}'`;
  if (!kebab.test(event)) return `Event name must be kebab-case (lowercase letters, digits, hyphens, starting with letter). Got: '${event}'`;
  const match = safeRegExp(rules.versionPattern)?.exec(version);
  if (!match) return `Version must match 'v{int}' pattern (e.g., v1, v2). Got: '${version}'`;
  if (Number(match[1]) < 1) return `Version number must be >= 1. Got: v${Number(match[1])}`;
  return null;
}

/** infra:scripts/validation/lint_topic_names.py::lint_topic, with the project's own producers known too. */
export function topicLintErrors(raw: string, rules: TopicRules, producers: readonly string[]): string[] {
  const lint = rules.lint;
  const parts = raw.split('.');
  const shape = 'onex.{kind}.{producer}.{event}.{version}';
  if (parts.length < 5) return [`expected at least 5 dot-separated segments (${shape}), got ${parts.length}`];
  const [prefix, kind] = parts;
  let p: string; let event: string; let version: string;
  if (kind === 'snapshot') {
    p = parts[2];
    event = parts.slice(3, -1).join('.');
    version = parts[parts.length - 1];
  } else {
    if (parts.length !== 5) return [`expected 5 dot-separated segments (${shape}), got ${parts.length}`];
    [, , p, event, version] = parts;
  }
  const out: string[] = [];
  if (prefix !== 'onex') out.push(`first segment must be 'onex', got '${prefix}'`);
  if (!lint.kinds.includes(kind)) out.push(`invalid kind '${kind}'; must be one of ${lint.kinds.join(', ')}`);
  const known = new Set(kind === 'snapshot' ? lint.knownSnapshotProducers : lint.knownProducers);
  const own = kind === 'snapshot' ? [] : producers;
  for (const producer of own) known.add(producer);
  if (!safeRegExp(lint.producerPattern)?.test(p)) out.push(`invalid producer '${p}'; must match ${lint.producerPattern} (no underscores)`);
  else if (!known.has(p)) out.push(`unknown producer '${p}'; must be ${own.length ? `this project's (${own.map((x) => `'${x}'`).join(' or ')}) or one of` : 'one of'} ${[...(kind === 'snapshot' ? lint.knownSnapshotProducers : lint.knownProducers)].join(', ')}`);
  if (!safeRegExp(lint.segmentPattern)?.test(event)) out.push(`invalid event name '${event}'; must match ${lint.segmentPattern}`);
  if (!safeRegExp(lint.versionPattern)?.test(version)) out.push(`invalid version '${version}'; must be v followed by a positive integer (e.g. v1, v2)`);
  return out;
}

/** ONEX027 — core validate_topic_suffix (L9) on event_bus topics and infra lint_topic_names (L8) on every topic. */
export function topicNames(ctx: RuleContext): ContractRawFinding[] {
  const rules = ctx.schema['x-onex'].topics;
  if (!rules) return [];
  const out: ContractRawFinding[] = [];
  for (const occurrence of topicOccurrences(ctx.root, rules)) {
    const suffixError = occurrence.suffixChecked ? topicSuffixError(occurrence.topic, rules) : null;
    const lintErrors = topicLintErrors(occurrence.topic, rules, ctx.producers);
    const reason = suffixError ?? lintErrors[0];
    if (!reason) continue;
    out.push({
      ruleId: 'ONEX027',
      message: `Topic '${occurrence.topic}': ${reason}`,
      span: at(ctx, occurrence.node),
      data: { fix: 'rewrite-topic', topic: occurrence.topic },
    });
  }
  return out;
}

/** core:validation/validator_runtime_profiles.py::_extract_runtime_profiles (node, values). */
function declaredProfiles(root: YNode): { node: YNode | null; values: { value: string; node: YNode }[] } {
  let node = valueOf(root, 'runtime_profiles');
  if (node === undefined || (isScalarNode(node) && node.value === null)) {
    const descriptor = valueOf(root, 'descriptor');
    node = isMapNode(descriptor) ? valueOf(descriptor, 'runtime_profiles') : undefined;
  }
  if (!node) return { node: null, values: [] };
  const items = isSeqNode(node) ? seqItems(node) : stringOf(node) !== null ? [node] : [];
  const values: { value: string; node: YNode }[] = [];
  for (const item of items) {
    const s = stringOf(item);
    if (s !== null && s.trim()) values.push({ value: s.trim().toLowerCase(), node: item });
  }
  return { node, values };
}

/** validator_runtime_profiles.py::_iter_subscribe_topics (classic and nested shapes). */
function subscribeTopicNodes(root: YNode): { topic: string; node: YNode }[] {
  const bus = valueOf(root, 'event_bus');
  if (!isMapNode(bus)) return [];
  const out: { topic: string; node: YNode }[] = [];
  for (const item of seqItems(valueOf(bus, 'subscribe_topics'))) {
    const s = stringOf(item);
    if (s !== null) out.push({ topic: s, node: item });
  }
  for (const item of seqItems(valueOf(bus, 'subscribe'))) {
    const node = isMapNode(item) ? valueOf(item, 'topic') : item;
    const s = stringOf(node);
    if (s !== null && node) out.push({ topic: s, node });
  }
  return out;
}

/** validator_runtime_profiles.py::_node_kind. */
function archetype(root: YNode): string {
  const descriptor = valueOf(root, 'descriptor');
  for (const candidate of [valueOf(root, 'node_type'), isMapNode(descriptor) ? valueOf(descriptor, 'node_archetype') : undefined]) {
    const s = stringOf(candidate)?.trim();
    if (s) return s.toLowerCase().replace(/_generic$/, '');
  }
  return '';
}

/** ONEX028 — core:validation/validator_runtime_profiles.py (runtime_profiles_missing,
 * runtime_profile_unregistered, runtime_profile_no_consumer_lane; REGISTERED_RUNTIME_PROFILES). */
export function runtimeProfiles(ctx: RuleContext): ContractRawFinding[] {
  const registry = ctx.schema['x-onex'].runtimeProfiles;
  const topics = ctx.schema['x-onex'].topics;
  if (!registry || !topics) return [];
  const out: ContractRawFinding[] = [];
  const name = stringOf(valueOf(ctx.root, 'name'));
  const declared = declaredProfiles(ctx.root);
  const subscriptions = subscribeTopicNodes(ctx.root);
  const command = subscriptions.find((s) => s.topic.startsWith(`${topics.prefix}.cmd.`));
  if (command && !declared.values.length) {
    out.push({
      ruleId: 'ONEX028',
      message: `runtime_profiles missing on command-consuming contract '${name ?? ''}': declare 'runtime_profiles: [<profile>]' at the top level or under 'descriptor' (no runtime process wires its subscriptions otherwise)`,
      span: at(ctx, command.node),
    });
  }
  const registered = new Set(registry.registered);
  for (const v of declared.values) {
    if (registered.has(v.value)) continue;
    out.push({
      ruleId: 'ONEX028',
      message: `runtime_profiles names unregistered profile '${v.value}': a nonexistent profile silently orphans the node. Use one of the registered profiles: ${registry.registered.join(', ')}`,
      span: at(ctx, v.node),
    });
  }
  const kind = archetype(ctx.root);
  const registeredDeclared = declared.values.filter((v) => registered.has(v.value));
  if ((kind === 'reducer' || kind === 'effect') && subscriptions.length && registeredDeclared.length &&
      !registeredDeclared.some((v) => registry.consumerAttached.includes(v.value))) {
    out.push({
      ruleId: 'ONEX028',
      message: `subscribing ${kind} contract '${name ?? ''}' names only runtime_profiles [${registeredDeclared.map((v) => v.value).join(', ')}] that run no standalone consumer, so its subscriptions are never drained. Name at least one consumer-attached profile: ${registry.consumerAttached.join(', ')}`,
      span: at(ctx, declared.node),
    });
  }
  return out;
}

/** The project's topic producer: its top-level package in kebab-case, as infra's producers are
 * named after their repositories (omnibase_infra → omnibase-infra). */
export function producerOf(root: YNode): string | null {
  for (const field of ['input_model', 'output_model']) {
    const module = stringOf(valueOf(valueOf(root, field), 'module'));
    const top = module?.split('.')[0];
    if (top && /^[A-Za-z_][A-Za-z0-9_]*$/.test(top) && module!.includes('.')) return top.toLowerCase().replace(/_/g, '-');
  }
  return null;
}

export { pairOf };
