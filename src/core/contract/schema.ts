// The JSON Schemas of contract.yaml, generated from the framework's own code by
// scripts/contract-schema/generate.py (see its header for what each part comes from). The schema's
// "x-onex" block carries what no JSON Schema keyword expresses, for the rules in rules.ts.
import bridgeSchema from './schema/bridge.json';
import todaySchema from './schema/today.json';

export type ContractEra = 'today' | 'bridge';

/** The JSON Schema subset the framework's models produce (draft-07 spelling). */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  title?: string;
  description?: string;
  default?: unknown;
  examples?: unknown[];
  deprecated?: boolean;
  definitions?: Record<string, JsonSchema>;
  'x-onex-caseInsensitive'?: boolean;
  'x-onex-renamedTo'?: string;
}

export interface TopicRules {
  suffixPattern: string;
  prefix: string;
  kinds: string[];
  envPrefixes: string[];
  kebabPattern: string;
  versionPattern: string;
  segmentCount: number;
  lint: {
    kinds: string[];
    segmentPattern: string;
    producerPattern: string;
    versionPattern: string;
    knownProducers: string[];
    knownSnapshotProducers: string[];
    eventSectionKeys: string[];
    eventBusSectionKeys: string[];
  };
}

export interface OnexSchemaData {
  era: ContractEra;
  requiredFields: string[];
  nodeTypes: string[];
  knownFields?: string[];
  dependencyTypes?: string[];
  runtimeProfiles?: { registered: string[]; consumerAttached: string[] };
  routing?: { payloadTypeMatch: string; commandCategory: string; messageCategories: string[] };
  topics?: TopicRules;
  generatedFrom: Record<string, string>;
}

export interface ContractSchema extends JsonSchema {
  'x-onex': OnexSchemaData;
}

const SCHEMAS: Record<ContractEra, ContractSchema> = {
  today: todaySchema as unknown as ContractSchema,
  bridge: bridgeSchema as unknown as ContractSchema,
};

export function contractSchema(era: ContractEra): ContractSchema {
  return SCHEMAS[era];
}

const resolved = new WeakMap<JsonSchema, JsonSchema>();

/** Follows `$ref` (only local `#/definitions/...` ones occur); the result is kept per schema object. */
export function resolveRef(root: JsonSchema, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const known = resolved.get(schema);
  if (known) return known;
  let current = schema;
  for (let i = 0; i < 16 && current.$ref; i++) {
    const name = current.$ref.replace(/^#\/definitions\//, '');
    const target = root.definitions?.[name];
    if (!target) break;
    // A sibling description (pydantic puts the field's description beside the $ref) wins.
    const { $ref: _ref, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  resolved.set(schema, current);
  return current;
}

/** The schema of the value at a path of keys and indexes, when the schema says (anyOf: the first object-like branch). */
export function schemaAt(root: JsonSchema, path: readonly (string | number)[]): JsonSchema | undefined {
  let current: JsonSchema | undefined = resolveRef(root, root);
  for (const step of path) {
    if (!current) return undefined;
    current = childSchema(root, current, step);
  }
  return current;
}

export function childSchema(root: JsonSchema, schema: JsonSchema, step: string | number): JsonSchema | undefined {
  const s = resolveRef(root, schema);
  if (typeof step === 'number') {
    if (s.items) return resolveRef(root, s.items);
  } else if (s.properties?.[step]) {
    return resolveRef(root, s.properties[step]);
  }
  for (const branch of s.anyOf ?? []) {
    const child = childSchema(root, branch, step);
    if (child) return child;
  }
  return undefined;
}
