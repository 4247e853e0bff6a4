// Today's own Python snippets (current-era.md §4): a def-B handler class per kind, the kind's handler
// output (`ModelHandlerOutput.for_<kind>(…)`), and a typed infra error raised with its context and
// `from e`. Nothing the runtime now does or a gate bans (health check mode, Consul, lifecycle,
// configuration fallbacks, event metadata, metrics) has a snippet in today's era.
import type { NodeKind } from '../../scaffold/naming';
import { type PythonPattern, lines } from './pattern';

/** `handler_type` and `handler_category` per kind, as today's scaffold writes them (infra's convention). */
const HANDLER_ENUMS: Record<NodeKind, { type: string; category: string }> = {
  effect: { type: 'NODE_HANDLER', category: 'EFFECT' },
  compute: { type: 'COMPUTE_HANDLER', category: 'COMPUTE' },
  reducer: { type: 'NODE_HANDLER', category: 'COMPUTE' },
  orchestrator: { type: 'NODE_HANDLER', category: 'COMPUTE' },
};

/** The builder call's lines after `handler_id=…,` per kind: what the kind may return (§4.3). */
function builderArguments(kind: NodeKind, request: string, first: number): string {
  switch (kind) {
    case 'effect':
      return `    events=($${first}),`;
    case 'compute':
      return `    result=\${${first}:${request}},`;
    case 'reducer':
      return `    projections=($${first}),`;
    case 'orchestrator':
      return `    events=($${first}),\n    intents=($${first + 1}),`;
  }
}

/** `return ModelHandlerOutput.for_<kind>(…)` with the request's correlation id; tab stops from `first`. */
function outputStatement(kind: NodeKind, request: string, first: number): string {
  return lines(`
return «ModelHandlerOutput».for_${kind}(
    input_envelope_id=«uuid4»(),
    correlation_id=${request}.correlation_id,
    handler_id=type(self).__name__,
${builderArguments(kind, request, first)}
)`);
}

/** handle()'s return type: the builders of effect, reducer and orchestrator return ModelHandlerOutput[None]; for_compute the result's type. */
function outputType(kind: NodeKind, model: string): string {
  return kind === 'compute' ? `«ModelHandlerOutput»[${model}]` : '«ModelHandlerOutput»[None]';
}

export function handlerOutputPattern(kind: NodeKind): PythonPattern {
  return {
    prefix: `onex-output-${kind}`,
    title: `Handler output (${kind})`,
    hosts: ['async-method-body'],
    needsRequest: true,
    description: `Return the ${kind.toUpperCase()} handler's output: \`ModelHandlerOutput.for_${kind}(…)\` with the request's correlation id; the runtime wraps and publishes it. ${{
      effect: 'An effect returns events only.',
      compute: 'A compute handler returns one result (a model), which the runtime publishes as an event.',
      reducer: 'A reducer returns projections only.',
      orchestrator: 'An orchestrator returns events and intents, never a result.',
    }[kind]}`,
    body: `${outputStatement(kind, '«@request»', 1)}\n$0`,
  };
}

/**
 * The def-B handler class of a kind. `«@model»` is the request's model (a choice of the file's models,
 * or the model class the snippet defines first); `${1}` is the handler's domain (Handler<Domain>).
 */
export function handlerClassPattern(kind: NodeKind): PythonPattern {
  const enums = HANDLER_ENUMS[kind];
  return {
    prefix: `onex-handler-${kind}`,
    title: `def-B handler (${kind})`,
    hosts: ['module-body', 'empty-file'],
    description: `A def-B handler class for a ${kind.toUpperCase()} node: \`__init__(self, container)\`, and \`async def handle(self, request: Model…)\` returning \`ModelHandlerOutput.for_${kind}(…)\`. The runtime builds it with the container, validates each payload into the request model and calls \`handle\`. Bind it in contract.yaml's \`handler_routing\`.`,
    body: lines(`
class Handler\${1:«@domain»}:
    """\${2:What Handler$1 does}."""

    def __init__(self, container: «ModelONEXContainer») -> None:
        self._container = container

    @property
    def handler_type(self) -> «EnumHandlerType»:
        return «EnumHandlerType».${enums.type}

    @property
    def handler_category(self) -> «EnumHandlerTypeCategory»:
        return «EnumHandlerTypeCategory».${enums.category}

    async def handle(self, request: «@model») -> ${outputType(kind, '«@model»')}:
        """\${3:Handle one request}."""
${outputStatement(kind, 'request', 4).split('\n').map((l) => `        ${l}`).join('\n')}
$0`),
  };
}

/** The request model a handler snippet defines when the file has none (move it to models/ later). */
export const INLINE_REQUEST_MODEL = lines(`
class Model$1Request(«BaseModel»):
    """The request Handler$1 handles."""

    model_config = «ConfigDict»(frozen=True, extra="forbid", from_attributes=True)

    correlation_id: «UUID»
`);

/** Names of the transports ModelInfraErrorContext takes (omnibase_infra.enums.EnumInfraTransportType). */
const TRANSPORTS = ['DATABASE', 'HTTP', 'KAFKA', 'GRPC', 'VALKEY', 'QDRANT', 'GRAPH', 'LLM', 'FILESYSTEM', 'MCP', 'RUNTIME'];

/** The raise, its tab stops numbered from `first`; `error` names the caught exception. */
function raiseInfraError(first: number, error: string): string {
  return lines(`
raise «InfraConnectionError»(
    "\${${first}:What failed}",
    context=«ModelInfraErrorContext».with_correlation(
        correlation_id=«@request».correlation_id,
        transport_type=«EnumInfraTransportType».\${${first + 1}|${TRANSPORTS.join(',')}|},
        operation="\${${first + 2}:«@operation»}",
    ),
) from ${error}`);
}

export const INFRA_ERROR_DESCRIPTION = 'Raise a typed infra error with its context (`ModelInfraErrorContext.with_correlation(…)`: the request\'s correlation id, the transport, the operation) chained `from e`: the runtime treats it as an infrastructure failure (fail fast, no commit, no dead letter). InfraConnectionError here; InfraUnavailableError, InfraAuthenticationError, InfraProtocolError take the same context (InfraTimeoutError takes a ModelTimeoutErrorContext).';

/** Inside an `except … as e:` block: the raise alone. */
export const INFRA_ERROR_IN_EXCEPT: PythonPattern = {
  prefix: 'onex-infra-error',
  title: 'Typed infra error',
  hosts: ['async-method-body'],
  needsRequest: true,
  description: INFRA_ERROR_DESCRIPTION,
  body: `${raiseInfraError(1, '«@e»')}\n$0`,
};

/** Elsewhere in a handler method: the call in a try, the raise in its except. */
export const INFRA_ERROR_WITH_TRY: PythonPattern = {
  prefix: 'onex-infra-error',
  title: 'Typed infra error',
  hosts: ['async-method-body'],
  needsRequest: true,
  description: INFRA_ERROR_DESCRIPTION,
  body: lines(`
try:
    \${1:pass}
except \${2:OSError} as e:
${raiseInfraError(3, 'e').split('\n').map((l) => `    ${l}`).join('\n')}
$0`),
};
