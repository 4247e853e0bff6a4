// The names of a node for today's framework, derived once from its name, kind and place: classes,
// modules, the topics (`onex.<cmd|evt>.<producer>.<event>.v1`, kebab case) and the operation.
import { classNameFor, domainWordsFor, type NodeKind } from '../../naming';
import type { TodayPlacement } from './project';

export interface TodayNames {
  /** The snake_case node name: the package folder, the contract's name and the entry point's. */
  node: string;
  kind: NodeKind;
  /** The kind in upper case, as in `EFFECT_GENERIC` and `EnumNodeKind.EFFECT`. */
  KIND: string;
  /** The domain in PascalCase (`PaymentGateway`), snake_case (`payment_gateway`) and kebab-case. */
  Domain: string;
  domain: string;
  kebab: string;
  nodeClass: string;
  handlerClass: string;
  /** `handler_payment_gateway` (the module in handlers/). */
  handlerModule: string;
  registryClass: string;
  registryModule: string;
  /** The node package's dotted module, e.g. `acme.nodes.payment_gateway`. */
  pkg: string;
  /** The producer segment of every topic. */
  producer: string;
}

function pascal(words: string[]): string {
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

export function todayNamesFor(name: string, kind: NodeKind, place: TodayPlacement): TodayNames {
  const words = domainWordsFor(name, kind);
  return {
    node: name,
    kind,
    KIND: kind.toUpperCase(),
    Domain: pascal(words),
    domain: words.join('_'),
    kebab: words.join('-'),
    nodeClass: classNameFor(name, kind),
    handlerClass: `Handler${pascal(words)}`,
    handlerModule: `handler_${words.join('_')}`,
    registryClass: `RegistryInfra${pascal(name.split('_').filter(Boolean))}`,
    registryModule: `registry_infra_${name}`,
    pkg: place.module,
    producer: place.producer,
  };
}

/** `onex.<category>.<producer>.<event>.v1`: the five segments `validate_topic_suffix` demands. */
export function topicFor(names: TodayNames, category: 'cmd' | 'evt', event: string): string {
  return `onex.${category}.${names.producer}.${event}.v1`;
}
