// What each kind of node does in today's scaffold: a small, meaningful example of its business
// logic (an effect writing through an outside client, a pure computation, a pure fold, a fan-out),
// its two models, its topics and its contract descriptor. Only the effect does I/O.
import type { NodeKind } from '../../naming';
import type { TodayNames } from './names';
import type { PyImport } from './pysource';

/** A Pydantic model of the node, one per file under models/. */
export interface TodayModel {
  className: string;
  /** The module's name in models/, e.g. `model_payment_gateway_written`. */
  file: string;
  /** The class docstring's first line. */
  doc: string;
  /** Imports the fields need besides pydantic's BaseModel/ConfigDict/Field and uuid's UUID. */
  imports: PyImport[];
  /** The fields (and validators) after `model_config`, indented one level. */
  body: string;
}

export interface TodayKind {
  base: string;
  baseModule: string;
  nodeType: string;
  /** One sentence: what the node does (docstrings, contract description). */
  summary: string;
  input: TodayModel;
  output: TodayModel;
  /** The handler_routing entry's operation, e.g. `payment_gateway.write`. */
  operation: string;
  subscribe: { category: 'cmd' | 'evt'; event: string };
  publish?: { category: 'cmd' | 'evt'; event: string };
  messageCategory: 'command' | 'event';
  descriptor: { archetype: NodeKind; purity: 'pure' | 'impure'; idempotent: boolean; profile: string };
  handlerType: 'NODE_HANDLER' | 'COMPUTE_HANDLER';
  handlerCategory: 'EFFECT' | 'COMPUTE';
  handler: {
    doc: string;
    imports: PyImport[];
    typeCheckingImports: PyImport[];
    /** Module-level code between the imports and the class (pure functions, constants). */
    preamble: string;
    /** Extra lines of `__init__`, indented two levels. */
    init: string;
    /** `handle` and its helpers, indented one level. */
    methods: string;
  };
}

const models = (n: TodayNames, suffix: string) => `${n.pkg}.models.model_${n.domain}_${suffix}`;

function model(n: TodayNames, suffix: string, className: string, doc: string, body: string, imports: PyImport[] = []): TodayModel {
  return { className, file: `model_${n.domain}_${suffix}`, doc, imports, body };
}

const CORRELATION = '    correlation_id: UUID = Field(description="Correlation id, copied to every output.")\n';

function effect(n: TodayNames): TodayKind {
  const input = model(n, 'write_command', `Model${n.Domain}WriteCommand`, 'Command: write one record through the outside client.',
    `${CORRELATION}    key: str = Field(min_length=1, description="Key of the record to write.")
    payload: str = Field(description="The record's content.")
`);
  const output = model(n, 'written', `Model${n.Domain}Written`, 'Event: the record was written.',
    `${CORRELATION}    key: str = Field(description="Key of the record written.")
    revision: str = Field(description="The revision the outside store gave it.")
`);
  const client = `Protocol${n.Domain}Client`;
  return {
    base: 'NodeEffect', baseModule: 'omnibase_core.nodes.node_effect', nodeType: 'EFFECT_GENERIC',
    summary: `Writes one record per command through the outside client (${client}) and reports it as an event.`,
    input, output,
    operation: `${n.domain}.write`,
    subscribe: { category: 'cmd', event: `${n.kebab}-write` },
    publish: { category: 'evt', event: `${n.kebab}-written` },
    messageCategory: 'command',
    descriptor: { archetype: 'effect', purity: 'impure', idempotent: false, profile: 'effects' },
    handlerType: 'NODE_HANDLER', handlerCategory: 'EFFECT',
    handler: {
      doc: `Writes records through ${client} and reports each as ${output.className}.

The client is resolved from the container and connected on the first command,
never in \`\`__init__\`\`: the runtime builds handlers at boot, before any outside
service has to be reachable. Failures are raised as typed infra errors, which
the runtime treats as infrastructure failures (no commit, no dead-letter).`,
      imports: [
        { module: 'asyncio' }, { module: 'time' }, { module: 'uuid', names: ['uuid4'] },
        { module: 'omnibase_core.errors', names: ['ModelOnexError'] },
        { module: 'omnibase_infra.enums', names: ['EnumInfraTransportType'] },
        { module: 'omnibase_infra.errors', names: ['InfraConnectionError', 'InfraTimeoutError', 'InfraUnavailableError', 'ModelInfraErrorContext', 'ModelTimeoutErrorContext'] },
        { module: `${n.pkg}.protocols.protocol_${n.domain}_client`, names: [client] },
      ],
      typeCheckingImports: [{ module: 'uuid', names: ['UUID'] }],
      preamble: `# How ${client} reaches the store: the transport named in its errors' context.
_TRANSPORT = EnumInfraTransportType.DATABASE
_TARGET = "${client}"
_OPERATION = "${n.domain}.write"


def _error_context(
    correlation_id: UUID,
    operation: str,
) -> ModelInfraErrorContext:
    """Where a client error happened, and for which message."""
    return ModelInfraErrorContext.with_correlation(
        correlation_id=correlation_id,
        transport_type=_TRANSPORT,
        operation=operation,
        target_name=_TARGET,
    )
`,
      init: `        self._client: ${client} | None = None
        self._connect_lock: asyncio.Lock | None = None
`,
      methods: `    async def handle(
        self,
        command: ${input.className},
    ) -> ModelHandlerOutput[None]:
        """Write the command's record and report it as one event."""
        client = await self._connected_client(command.correlation_id)
        started = time.perf_counter()
        try:
            revision = await client.write(command.key, command.payload)
        except TimeoutError as e:
            raise InfraTimeoutError(
                f"Writing {command.key!r} timed out",
                context=ModelTimeoutErrorContext(
                    transport_type=_TRANSPORT,
                    operation=_OPERATION,
                    target_name=_TARGET,
                    correlation_id=command.correlation_id,
                ),
            ) from e
        except OSError as e:
            raise InfraConnectionError(
                f"Writing {command.key!r} failed",
                context=_error_context(command.correlation_id, _OPERATION),
            ) from e
        written = ${output.className}(
            correlation_id=command.correlation_id,
            key=command.key,
            revision=revision,
        )
        return ModelHandlerOutput.for_effect(
            input_envelope_id=uuid4(),
            correlation_id=command.correlation_id,
            handler_id=type(self).__name__,
            events=(written,),
            processing_time_ms=(time.perf_counter() - started) * 1000.0,
        )

    async def _connected_client(
        self,
        correlation_id: UUID,
    ) -> ${client}:
        """The client, resolved from the container and connected once."""
        if self._connect_lock is None:
            self._connect_lock = asyncio.Lock()
        async with self._connect_lock:
            if self._client is None:
                try:
                    client = await self._container.get_service_async(
                        ${client},  # type: ignore[type-abstract]
                        correlation_id=correlation_id,
                    )
                except ModelOnexError as e:
                    raise InfraUnavailableError(
                        f"No {_TARGET} is registered in the container",
                        context=_error_context(correlation_id, "connect"),
                    ) from e
                try:
                    await client.connect()
                except OSError as e:
                    raise InfraConnectionError(
                        f"Connecting the {_TARGET} failed",
                        context=_error_context(correlation_id, "connect"),
                    ) from e
                self._client = client
            return self._client
`,
    },
  };
}

function compute(n: TodayNames): TodayKind {
  const input = model(n, 'summarize_request', `Model${n.Domain}SummarizeRequest`, 'Request: the values to summarize.',
    `${CORRELATION}    values: tuple[float, ...] = Field(
        min_length=1,
        description="The values to summarize (at least one).",
    )
`);
  const output = model(n, 'summary', `Model${n.Domain}Summary`, 'Result: summary statistics of the values.',
    `${CORRELATION}    count: int = Field(ge=1, description="How many values there were.")
    total: float = Field(description="Their sum.")
    mean: float = Field(description="Their arithmetic mean.")
    minimum: float = Field(description="The smallest value.")
    maximum: float = Field(description="The largest value.")
`);
  return {
    base: 'NodeCompute', baseModule: 'omnibase_core.nodes.node_compute', nodeType: 'COMPUTE_GENERIC',
    summary: 'Summarizes a list of values (count, total, mean, minimum, maximum): pure, no I/O.',
    input, output,
    operation: `${n.domain}.summarize`,
    subscribe: { category: 'cmd', event: `${n.kebab}-summarize` },
    publish: { category: 'evt', event: `${n.kebab}-summarized` },
    messageCategory: 'command',
    descriptor: { archetype: 'compute', purity: 'pure', idempotent: true, profile: 'main' },
    handlerType: 'COMPUTE_HANDLER', handlerCategory: 'COMPUTE',
    handler: {
      doc: `Summarizes values: deterministic, with no I/O and no clock.

The runtime publishes the summary (the result) as an event.`,
      imports: [{ module: 'math' }, { module: 'uuid', names: ['uuid4'] }],
      typeCheckingImports: [],
      preamble: `def summarize(
    request: ${input.className},
) -> ${output.className}:
    """Count, total, mean, minimum and maximum of the request's values."""
    values = request.values
    total = math.fsum(values)
    return ${output.className}(
        correlation_id=request.correlation_id,
        count=len(values),
        total=total,
        mean=total / len(values),
        minimum=min(values),
        maximum=max(values),
    )
`,
      init: '',
      methods: `    async def handle(
        self,
        request: ${input.className},
    ) -> ModelHandlerOutput[${output.className}]:
        """Summarize the request's values."""
        return ModelHandlerOutput.for_compute(
            input_envelope_id=uuid4(),
            correlation_id=request.correlation_id,
            handler_id=type(self).__name__,
            result=summarize(request),
        )
`,
    },
  };
}

function reducer(n: TodayNames): TodayKind {
  const tally = `Model${n.Domain}Tally`;
  const output = model(n, 'tally', tally, 'Projection: the running tally of one key.',
    `${CORRELATION}    key: str = Field(min_length=1, description="The key tallied.")
    count: int = Field(ge=1, description="How many amounts were recorded.")
    total: float = Field(description="Their sum.")
    last_amount: float = Field(description="The amount recorded last.")
`);
  const input = model(n, 'recorded', `Model${n.Domain}Recorded`, 'Event: an amount was recorded for a key.',
    `${CORRELATION}    key: str = Field(min_length=1, description="The key the amount belongs to.")
    amount: float = Field(description="The amount recorded.")
    previous: ${tally} | None = Field(
        default=None,
        description="The key's tally before this event (none for the first).",
    )

    @model_validator(mode="after")
    def _previous_is_for_the_same_key(self) -> Self:
        if self.previous is not None and self.previous.key != self.key:
            msg = f"previous tally is for {self.previous.key!r}, not {self.key!r}"
            raise ValueError(msg)
        return self
`, [
      { module: 'typing', names: ['Self'] },
      { module: 'pydantic', names: ['model_validator'] },
      { module: models(n, 'tally'), names: [tally] },
    ]);
  return {
    base: 'NodeReducer', baseModule: 'omnibase_core.nodes.node_reducer', nodeType: 'REDUCER_GENERIC',
    summary: 'Folds each recorded amount into the running tally of its key: pure, no I/O.',
    input, output,
    operation: `${n.domain}.tally`,
    subscribe: { category: 'evt', event: `${n.kebab}-recorded` },
    messageCategory: 'event',
    descriptor: { archetype: 'reducer', purity: 'pure', idempotent: true, profile: 'main' },
    handlerType: 'NODE_HANDLER', handlerCategory: 'COMPUTE',
    handler: {
      doc: `Folds recorded amounts into tallies: deterministic, no I/O, no state.

The state travels with the event (\`\`previous\`\`), so replaying the events
gives the same tallies.`,
      imports: [{ module: 'uuid', names: ['uuid4'] }],
      typeCheckingImports: [],
      preamble: `def fold(
    event: ${input.className},
) -> ${tally}:
    """The key's tally after the event."""
    previous = event.previous
    return ${tally}(
        correlation_id=event.correlation_id,
        key=event.key,
        count=1 if previous is None else previous.count + 1,
        total=event.amount if previous is None else previous.total + event.amount,
        last_amount=event.amount,
    )
`,
      init: '',
      methods: `    async def handle(
        self,
        event: ${input.className},
    ) -> ModelHandlerOutput[None]:
        """Fold the event into its key's tally, returned as the projection."""
        return ModelHandlerOutput.for_reducer(
            input_envelope_id=uuid4(),
            correlation_id=event.correlation_id,
            handler_id=type(self).__name__,
            projections=(fold(event),),
        )
`,
    },
  };
}

function orchestrator(n: TodayNames): TodayKind {
  const input = model(n, 'run_command', `Model${n.Domain}RunCommand`, 'Command: run the workflow over a batch of items.',
    `${CORRELATION}    items: tuple[str, ...] = Field(
        min_length=1,
        description="The items to process, in order (at least one).",
    )
`);
  const output = model(n, 'step_command', `Model${n.Domain}StepCommand`, 'Command: process one item of a run.',
    `${CORRELATION}    step: int = Field(ge=0, description="The step's position in the run.")
    total_steps: int = Field(ge=1, description="How many steps the run has.")
    item: str = Field(description="The item this step processes.")
`);
  return {
    base: 'NodeOrchestrator', baseModule: 'omnibase_core.nodes.node_orchestrator', nodeType: 'ORCHESTRATOR_GENERIC',
    summary: 'Splits each run into one step command per distinct item, in order.',
    input, output,
    operation: `${n.domain}.run`,
    subscribe: { category: 'cmd', event: `${n.kebab}-run` },
    publish: { category: 'cmd', event: `${n.kebab}-step` },
    messageCategory: 'command',
    descriptor: { archetype: 'orchestrator', purity: 'impure', idempotent: false, profile: 'main' },
    handlerType: 'NODE_HANDLER', handlerCategory: 'COMPUTE',
    handler: {
      doc: `Plans runs: one step command per distinct item, in order.

The handler only decides; the runtime publishes the step commands to the topic
contract.yaml declares for them, where the nodes doing the work subscribe.`,
      imports: [{ module: 'uuid', names: ['uuid4'] }],
      typeCheckingImports: [],
      preamble: `def plan_steps(
    command: ${input.className},
) -> tuple[${output.className}, ...]:
    """One step per distinct item of the run, in the order given."""
    items = tuple(dict.fromkeys(command.items))
    return tuple(
        ${output.className}(
            correlation_id=command.correlation_id,
            step=step,
            total_steps=len(items),
            item=item,
        )
        for step, item in enumerate(items)
    )
`,
      init: '',
      methods: `    async def handle(
        self,
        command: ${input.className},
    ) -> ModelHandlerOutput[None]:
        """Plan the run's steps and emit them as commands."""
        return ModelHandlerOutput.for_orchestrator(
            input_envelope_id=uuid4(),
            correlation_id=command.correlation_id,
            handler_id=type(self).__name__,
            events=plan_steps(command),
        )
`,
    },
  };
}

export const TODAY_KINDS: Record<NodeKind, (names: TodayNames) => TodayKind> = { effect, compute, reducer, orchestrator };
