// The source files of a node package for today's framework (omnibase_core 0.46 / omnibase_infra
// 0.38, current-era.md §1-§4): declarative node.py, contract.yaml in the infra dialect, a def-B
// handler, one frozen model per file, a RegistryInfra class, and (effect) the outside client's
// protocol. Every file starts with the SPDX header.
import type { TodayKind, TodayModel } from './kinds';
import type { TodayNames } from './names';
import { topicFor } from './names';
import type { TodayPlacement } from './project';
import { LINE_LENGTH, renderAll, renderImports, spdxHeader, type PyImport } from './pysource';

export interface RenderContext {
  names: TodayNames;
  kind: TodayKind;
  place: TodayPlacement;
}

const CONTAINER_IMPORT: PyImport = { module: 'omnibase_core.models.container.model_onex_container', names: ['ModelONEXContainer'] };
const OUTPUT_IMPORT: PyImport = { module: 'omnibase_core.models.dispatch.model_handler_output', names: ['ModelHandlerOutput'] };

export function header(ctx: RenderContext): string {
  return spdxHeader(ctx.place.year, ctx.place.holder, ctx.place.license);
}

/** A module: header, docstring, imports (with a TYPE_CHECKING block), then the body. */
export function pythonModule(ctx: RenderContext, doc: string, imports: PyImport[], typeChecking: PyImport[], body: string): string {
  const top = ctx.place.topLevel;
  const all: PyImport[] = [{ module: '__future__', names: ['annotations'] }, ...imports];
  if (typeChecking.length > 0) all.push({ module: 'typing', names: ['TYPE_CHECKING'] });
  let text = `${header(ctx)}${docstring(doc)}\n${renderImports(all, top)}`;
  if (typeChecking.length > 0) text += `\nif TYPE_CHECKING:\n${renderImports(typeChecking, top, '    ')}`;
  // Two blank lines before a class or function, one before anything else (ruff format, isort).
  return `${text}${/^(class |def |async def |@)/.test(body) ? '\n\n' : '\n'}${body}`;
}

/** A module docstring: on one line when it is one line. */
function docstring(doc: string): string {
  return doc.includes('\n') ? `"""${doc}\n"""\n` : `"""${doc}"""\n`;
}

/** `class Name(Base):`, wrapped as ruff format wraps it when longer than a line. */
export function classLine(name: string, base: string): string {
  const line = `class ${name}(${base}):`;
  if (line.length <= LINE_LENGTH) return line;
  if (4 + base.length <= LINE_LENGTH) return `class ${name}(\n    ${base}\n):`;
  const generic = /^(\w+)\[(.*)\]$/.exec(base);
  if (!generic) return `class ${name}(\n    ${base},\n):`;
  const params = generic[2].split(', ').map((p) => `        ${p},\n`).join('');
  return `class ${name}(\n    ${generic[1]}[\n${params}    ]\n):`;
}

/** A package's `__init__.py`: re-exports, so it is never empty (an empty one fails the SPDX gate). */
export function packageInit(ctx: RenderContext, doc: string, exports: { module: string; name: string }[]): string {
  const imports = renderImports(exports.map((e) => ({ module: e.module, names: [e.name] })), ctx.place.topLevel);
  return `${header(ctx)}"""${doc}"""\n\n${imports}\n${renderAll(exports.map((e) => e.name))}`;
}

export const modelModule = (ctx: RenderContext, model: TodayModel) => `${ctx.names.pkg}.models.${model.file}`;
export const handlerModule = (ctx: RenderContext) => `${ctx.names.pkg}.handlers.${ctx.names.handlerModule}`;
export const clientClass = (ctx: RenderContext) => `Protocol${ctx.names.Domain}Client`;
export const clientModule = (ctx: RenderContext) => `${ctx.names.pkg}.protocols.protocol_${ctx.names.domain}_client`;

export function renderNodePy(ctx: RenderContext): string {
  const { names, kind } = ctx;
  // NodeCompute and NodeReducer are generic: parameterized with the node's models (mypy --strict).
  const generic = names.kind === 'compute' || names.kind === 'reducer';
  const base = generic ? `${kind.base}[${kind.input.className}, ${kind.output.className}]` : kind.base;
  const imports: PyImport[] = [{ module: kind.baseModule, names: [kind.base] }];
  if (generic) imports.push(...[kind.input, kind.output].map((m) => ({ module: modelModule(ctx, m), names: [m.className] })));
  return pythonModule(ctx, `${names.nodeClass}: the declarative ${names.KIND} node of ${names.node}.

All behaviour is declared in contract.yaml and implemented by its handler,
${names.handlerClass} (handlers/${names.handlerModule}.py). The runtime reads the
contract, builds the handler and owns the lifecycle: this class only anchors the
contract, so it holds no methods, properties or state.`, imports, [CONTAINER_IMPORT], `${classLine(names.nodeClass, base)}
    """${kind.summary}"""

    def __init__(self, container: ModelONEXContainer) -> None:
        """Initialize the node with the runtime's container."""
        super().__init__(container)
`);
}

export function renderModelPy(ctx: RenderContext, model: TodayModel): string {
  const imports: PyImport[] = [
    { module: 'uuid', names: ['UUID'] },
    { module: 'pydantic', names: ['BaseModel', 'ConfigDict', 'Field'] },
    ...model.imports,
  ];
  return pythonModule(ctx, `${model.className}: ${model.doc}`, imports, [], `class ${model.className}(BaseModel):
    """${model.doc}"""

    model_config = ConfigDict(frozen=True, extra="forbid", from_attributes=True)

${model.body}`);
}

export function renderHandlerPy(ctx: RenderContext): string {
  const { names, kind } = ctx;
  const h = kind.handler;
  const imports: PyImport[] = [
    ...h.imports,
    OUTPUT_IMPORT,
    { module: 'omnibase_infra.enums', names: ['EnumHandlerType', 'EnumHandlerTypeCategory'] },
    // The models are imported at run time: the runtime reads handle()'s annotation to type the payload.
    ...[kind.input, kind.output].map((m) => ({ module: modelModule(ctx, m), names: [m.className] })),
  ];
  const classDoc = h.doc.split('\n').map((l) => (l ? `    ${l}` : '')).join('\n');
  return pythonModule(ctx, `${names.handlerClass}: the business logic of ${names.node} (${names.KIND}).

A def-B handler: the runtime validates each message's payload into
${kind.input.className} and calls \`\`handle\`\`; whatever it returns, the runtime
wraps and publishes to the topics contract.yaml declares.`, imports, [...h.typeCheckingImports, CONTAINER_IMPORT],
  `${h.preamble ? `${h.preamble}\n\n` : ''}class ${names.handlerClass}:
${classDoc.replace(/^ {4}/, '    """')}
    """

    def __init__(self, container: ModelONEXContainer) -> None:
        self._container = container
${h.init}
    @property
    def handler_type(self) -> EnumHandlerType:
        return EnumHandlerType.${kind.handlerType}

    @property
    def handler_category(self) -> EnumHandlerTypeCategory:
        return EnumHandlerTypeCategory.${kind.handlerCategory}

${h.methods}`);
}

export function renderClientProtocolPy(ctx: RenderContext): string {
  const { names } = ctx;
  const client = clientClass(ctx);
  return pythonModule(ctx, `${client}: the outside store ${names.handlerClass} writes to.

The store is yours (a database, an HTTP API, a queue): implement this protocol
with its client, keep the connection settings in your configuration, and
register the implementation in the container (${names.registryClass}.register).`,
  [{ module: 'typing', names: ['Protocol'] }], [], `class ${client}(Protocol):
    """What ${names.handlerClass} needs from the outside store."""

    async def connect(self) -> None:
        """Open the connection; called once, on the first command."""

    async def write(self, key: str, payload: str) -> str:
        """Store \`\`payload\`\` under \`\`key\`\` and return the new revision."""
`);
}

export function renderRegistryPy(ctx: RenderContext): string {
  const { names } = ctx;
  const effect = names.kind === 'effect';
  const client = clientClass(ctx);
  const imports: PyImport[] = [
    { module: 'omnibase_core.enums', names: ['EnumInjectionScope'] },
    { module: handlerModule(ctx), names: [names.handlerClass] },
  ];
  if (effect) imports.push({ module: clientModule(ctx), names: [client] });
  const registerClient = effect ? `        await container.service_registry.register_instance(
            interface=${client},  # type: ignore[type-abstract]
            instance=client,
            scope=EnumInjectionScope.GLOBAL,
        )
` : '';
  return pythonModule(ctx, `${names.registryClass}: puts ${names.node}'s services in a container.

The runtime builds ${names.handlerClass} from contract.yaml by itself; use the
registry where you wire a container by hand (scripts, tests, local runs).`, imports, [CONTAINER_IMPORT],
  `class ${names.registryClass}:
    """Registers ${names.handlerClass}${effect ? ` and the ${client} it uses` : ''} in a container."""

    @staticmethod
    async def register(${effect ? `
        container: ModelONEXContainer,
        client: ${client},
    ` : 'container: ModelONEXContainer'}) -> None:
        """Register ${effect ? 'the client and ' : ''}a ${names.handlerClass} built on \`\`container\`\`."""
${registerClient}        await container.service_registry.register_instance(
            interface=${names.handlerClass},
            instance=${names.handlerClass}(container),
            scope=EnumInjectionScope.GLOBAL,
        )
`);
}

/** A YAML double-quoted scalar (a JSON string is one). */
const q = (text: string) => JSON.stringify(text);

export function renderContractYaml(ctx: RenderContext): string {
  const { names, kind, place } = ctx;
  const subscribe = topicFor(names, kind.subscribe.category, kind.subscribe.event);
  const publish = kind.publish ? topicFor(names, kind.publish.category, kind.publish.event) : undefined;
  const ref = (m: TodayModel, description?: string) => `
  name: ${q(m.className)}
  module: ${q(modelModule(ctx, m))}${description ? `\n  description: ${q(description)}` : ''}`;
  const d = kind.descriptor;
  let text = `${header(ctx)}# The contract of ${names.node}: what the runtime reads to wire the node (its
# topics, handler and models). Kept in the dialect of omnibase_infra's contracts.
name: ${q(names.node)}
node_name: ${q(names.node)}
node_type: ${q(kind.nodeType)}
contract_version:
  major: 1
  minor: 0
  patch: 0
node_version: "1.0.0"
description: ${q(kind.summary)}
input_model:${ref(kind.input, kind.input.doc)}
output_model:${ref(kind.output, kind.output.doc)}
event_bus:
  subscribe_topics:
    - ${q(subscribe)}
${publish ? `  publish_topics:\n    - ${q(publish)}\n` : ''}handler_routing:
  routing_strategy: "operation_match"
  handlers:
    - operation: ${q(kind.operation)}
      topic: ${q(subscribe)}
      message_category: ${q(kind.messageCategory)}
      event_model:
        name: ${q(kind.input.className)}
        module: ${q(modelModule(ctx, kind.input))}
      handler:
        name: ${q(names.handlerClass)}
        module: ${q(handlerModule(ctx))}
`;
  if (publish) {
    text += `published_events:
  - topic: ${q(publish)}
    event_type: ${q(kind.output.className.replace(/^Model/, ''))}
    description: ${q(`Emitted by ${names.handlerClass}: ${kind.output.doc}`)}
`;
  }
  text += `descriptor:
  node_archetype: ${q(d.archetype)}
  purity: ${q(d.purity)}
  idempotent: ${d.idempotent}
  timeout_ms: 30000
  runtime_profiles:
    - ${q(d.profile)}
`;
  if (names.kind === 'effect') {
    text += `dependencies:
  - name: ${q(`protocol_${names.domain}_client`)}
    type: "protocol"
    class_name: ${q(clientClass(ctx))}
    module: ${q(clientModule(ctx))}
    description: "The outside store; register an implementation in the container."
error_handling:
  retry_policy:
    max_retries: 3
    initial_delay_ms: 200
    max_delay_ms: 10000
    exponential_base: 2
    retry_on:
      - "InfraConnectionError"
      - "InfraTimeoutError"
`;
  }
  text += `metadata:
  description: ${q(kind.summary)}
  author: ${q(place.holder)}
  license: ${q(place.license)}
`;
  return text;
}

