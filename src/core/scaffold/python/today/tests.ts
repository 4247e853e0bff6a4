// The generated tests, in the framework's own style (current-era.md §6): the node built with the
// real ModelONEXContainer, the handler driven directly (def-B shape, business logic, correlation
// id, output kind), and the contract wired into the real runtime (`wire_from_manifest` with the
// real MessageDispatchEngine and a stand-in bus) with a message dispatched to its topic. Only
// the effect's outside store is faked — never the framework.
import { clientClass, handlerModule, modelModule, pythonModule, type RenderContext } from './files';
import type { PyImport } from './pysource';

interface KindTests {
  /** A valid request, as a Python expression using CORRELATION_ID. */
  sample: string;
  imports: PyImport[];
  /** What the wiring test imports besides the models. */
  wiringImports: PyImport[];
  /** Module-level helpers of the handler tests (fakes), ending with a newline. */
  helpers: string;
  /** How to build the handler under test (a Python expression). */
  handler: string;
  /** The behaviour tests, as top-level functions. */
  behaviour: string;
  /** Assertions on `result` (the engine's dispatch result), indented one level. */
  dispatched: string;
}

function kindTests(ctx: RenderContext): KindTests {
  const { names, kind } = ctx;
  const In = kind.input.className;
  const Out = kind.output.className;
  const H = names.handlerClass;
  const R = names.registryClass;
  const registry: PyImport = { module: `${names.pkg}.registry.${names.registryModule}`, names: [R] };
  switch (names.kind) {
    case 'effect':
      return {
        sample: `${In}(
        correlation_id=CORRELATION_ID,
        key="order-42",
        payload='{"amount": 42}',
    )`,
        imports: [
          { module: 'omnibase_infra.errors', names: ['InfraConnectionError', 'InfraTimeoutError', 'InfraUnavailableError'] },
          registry,
        ],
        wiringImports: [registry],
        helpers: `class RecordingStore:
    """Stands in for the outside store behind ${clientClass(ctx)}."""

    def __init__(self, failure: OSError | None = None) -> None:
        self.connects = 0
        self.writes: list[tuple[str, str]] = []
        self._failure = failure

    async def connect(self) -> None:
        self.connects += 1

    async def write(self, key: str, payload: str) -> str:
        if self._failure is not None:
            raise self._failure
        self.writes.append((key, payload))
        return f"rev-{len(self.writes)}"


def handler_with(
    store: RecordingStore,
) -> ${H}:
    container = ModelONEXContainer()
    asyncio.run(
        ${R}.register(
            container,
            store,
        ),
    )
    return ${H}(container)
`,
        handler: `handler_with(RecordingStore())`,
        behaviour: `def test_writes_through_the_store_and_reports_the_write() -> None:
    store = RecordingStore()
    handler = handler_with(store)
    request = ${'sample()'}

    output = asyncio.run(handler.handle(request))

    assert store.writes == [("order-42", '{"amount": 42}')]
    assert output.node_kind is EnumNodeKind.EFFECT
    assert output.correlation_id == CORRELATION_ID
    assert output.events == (
        ${Out}(
            correlation_id=CORRELATION_ID,
            key="order-42",
            revision="rev-1",
        ),
    )
    assert output.processing_time_ms >= 0.0


def test_connects_lazily_and_once() -> None:
    store = RecordingStore()
    handler = handler_with(store)
    assert store.connects == 0

    async def two_writes() -> None:
        await handler.handle(sample())
        await handler.handle(sample())

    asyncio.run(two_writes())
    assert store.connects == 1
    assert len(store.writes) == 2


def test_a_missing_store_is_an_unavailable_infra_error() -> None:
    handler = ${H}(ModelONEXContainer())
    with pytest.raises(InfraUnavailableError):
        asyncio.run(handler.handle(sample()))


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (ConnectionRefusedError("refused"), InfraConnectionError),
        (TimeoutError("too slow"), InfraTimeoutError),
    ],
)
def test_store_failures_are_typed_infra_errors(
    failure: OSError,
    expected: type[Exception],
) -> None:
    handler = handler_with(RecordingStore(failure))
    with pytest.raises(expected) as raised:
        asyncio.run(handler.handle(sample()))
    assert raised.value.__cause__ is failure
`,
        dispatched: `    assert result.output_events == [
        ${Out}(
            correlation_id=CORRELATION_ID,
            key="order-42",
            revision="rev-1",
        ),
    ]
`,
      };
    case 'compute':
      return {
        sample: `${In}(
        correlation_id=CORRELATION_ID,
        values=(3.0, 1.0, 2.0),
    )`,
        imports: [{ module: 'pydantic', names: ['ValidationError'] }, { module: handlerModule(ctx), names: ['summarize'] }],
        wiringImports: [{ module: handlerModule(ctx), names: ['summarize'] }],
        helpers: '',
        handler: `${H}(ModelONEXContainer())`,
        behaviour: `def test_summarizes_the_values() -> None:
    output = asyncio.run(make_handler().handle(sample()))

    assert output.node_kind is EnumNodeKind.COMPUTE
    assert output.correlation_id == CORRELATION_ID
    assert output.result == ${Out}(
        correlation_id=CORRELATION_ID,
        count=3,
        total=6.0,
        mean=2.0,
        minimum=1.0,
        maximum=3.0,
    )


def test_is_deterministic() -> None:
    request = sample()
    first = asyncio.run(make_handler().handle(request))
    second = asyncio.run(make_handler().handle(request))
    assert first.result == second.result == summarize(request)


def test_rejects_an_empty_request() -> None:
    with pytest.raises(ValidationError):
        ${In}(
            correlation_id=CORRELATION_ID,
            values=(),
        )
`,
        dispatched: `    assert result.output_events == [summarize(sample())]
`,
      };
    case 'reducer':
      return {
        sample: `${In}(
        correlation_id=CORRELATION_ID,
        key="sku-7",
        amount=2.5,
    )`,
        imports: [{ module: 'pydantic', names: ['ValidationError'] }, { module: handlerModule(ctx), names: ['fold'] }],
        wiringImports: [],
        helpers: '',
        handler: `${H}(ModelONEXContainer())`,
        behaviour: `def test_the_first_event_starts_the_tally() -> None:
    output = asyncio.run(make_handler().handle(sample()))

    assert output.node_kind is EnumNodeKind.REDUCER
    assert output.correlation_id == CORRELATION_ID
    assert output.events == ()
    assert output.projections == (
        ${Out}(
            correlation_id=CORRELATION_ID,
            key="sku-7",
            count=1,
            total=2.5,
            last_amount=2.5,
        ),
    )


def test_folds_each_event_into_the_previous_tally() -> None:
    tally = None
    for amount in (2.5, 4.0, 1.5):
        event = ${In}(
            correlation_id=CORRELATION_ID,
            key="sku-7",
            amount=amount,
            previous=tally,
        )
        tally = fold(event)
    assert tally is not None
    assert (tally.count, tally.total, tally.last_amount) == (3, 8.0, 1.5)


def test_rejects_a_tally_of_another_key() -> None:
    other = fold(
        ${In}(
            correlation_id=CORRELATION_ID,
            key="sku-8",
            amount=1.0,
        ),
    )
    with pytest.raises(ValidationError):
        ${In}(
            correlation_id=CORRELATION_ID,
            key="sku-7",
            amount=2.5,
            previous=other,
        )
`,
        // Projections go to the contract's result applier, not into the engine's events (§2.4):
        // the result shows the payload typed into the event model and routed to the handler.
        dispatched: `    assert result.message_type == "${In}"
    assert "${H}" in (result.dispatcher_id or "")
    assert result.output_events == []
`,
      };
    case 'orchestrator':
      return {
        sample: `${In}(
        correlation_id=CORRELATION_ID,
        items=("a", "b", "a", "c"),
    )`,
        imports: [{ module: 'pydantic', names: ['ValidationError'] }, { module: handlerModule(ctx), names: ['plan_steps'] }],
        wiringImports: [{ module: handlerModule(ctx), names: ['plan_steps'] }],
        helpers: '',
        handler: `${H}(ModelONEXContainer())`,
        behaviour: `def test_plans_one_step_per_distinct_item_in_order() -> None:
    output = asyncio.run(make_handler().handle(sample()))

    assert output.node_kind is EnumNodeKind.ORCHESTRATOR
    assert output.correlation_id == CORRELATION_ID
    assert output.intents == ()
    assert output.events == tuple(
        ${Out}(
            correlation_id=CORRELATION_ID,
            step=step,
            total_steps=3,
            item=item,
        )
        for step, item in enumerate(("a", "b", "c"))
    )


def test_rejects_an_empty_run() -> None:
    with pytest.raises(ValidationError):
        ${In}(
            correlation_id=CORRELATION_ID,
            items=(),
        )
`,
        dispatched: `    assert result.output_events == list(plan_steps(sample()))
`,
      };
  }
}

function modelImports(ctx: RenderContext): PyImport[] {
  return [ctx.kind.input, ctx.kind.output].map((m) => ({ module: modelModule(ctx, m), names: [m.className] }));
}

export function renderHandlerTestPy(ctx: RenderContext): string {
  const { names, kind } = ctx;
  const t = kindTests(ctx);
  const H = names.handlerClass;
  const imports: PyImport[] = [
    { module: 'asyncio' },
    { module: 'pathlib', names: ['Path'] },
    { module: 'uuid', names: ['UUID'] },
    { module: 'pytest' },
    { module: names.pkg, names: [names.nodeClass] },
    { module: `${names.pkg}.handlers`, names: [`${names.handlerModule} as handler_module`] },
    { module: handlerModule(ctx), names: [H] },
    ...modelImports(ctx),
    ...t.imports,
    { module: 'omnibase_core.enums.enum_node_kind', names: ['EnumNodeKind'] },
    { module: 'omnibase_core.models.container.model_onex_container', names: ['ModelONEXContainer'] },
    { module: kind.baseModule, names: [kind.base] },
    { module: 'omnibase_infra.runtime.auto_wiring.handler_wiring', names: ['_handler_accepts_event_envelope', '_resolve_def_b_input_model_type'] },
  ];
  const makeHandler = names.kind === 'effect' ? '' : `def make_handler() -> ${H}:
    return ${t.handler}


`;
  return pythonModule(ctx, `Tests of ${H}, the business logic of ${names.node}, driven directly.

The handler runs on the framework's real container${names.kind === 'effect' ? '; only the outside store\nis faked (RecordingStore)' : ''}.`, imports, [], `CORRELATION_ID = UUID("00000000-0000-4000-8000-00000000002a")


def sample() -> ${kind.input.className}:
    return ${t.sample}


${t.helpers ? `${t.helpers}\n\n` : ''}${makeHandler}def test_the_node_constructs_with_the_real_container() -> None:
    container = ModelONEXContainer()
    node = ${names.nodeClass}(container)
    assert isinstance(node, ${kind.base})
    assert node.container is container


def test_handle_is_the_canonical_def_b_entry_point() -> None:
    handle = ${H}.handle
    resolved = _resolve_def_b_input_model_type(handle)
    assert resolved is ${kind.input.className}
    assert _handler_accepts_event_envelope(handle) is False


def test_the_handler_module_leaves_envelopes_to_the_runtime() -> None:
    source = Path(handler_module.__file__).read_text(encoding="utf-8")
    assert "ModelEventEnvelope" not in source


${t.behaviour}`);
}

export function renderWiringTestPy(ctx: RenderContext): string {
  const { names, kind } = ctx;
  const t = kindTests(ctx);
  const effect = names.kind === 'effect';
  const imports: PyImport[] = [
    { module: 'asyncio' },
    { module: 'inspect' },
    { module: 'pathlib', names: ['Path'] },
    { module: 'unittest.mock', names: ['AsyncMock', 'MagicMock'] },
    { module: 'uuid', names: ['UUID'] },
    { module: names.pkg, names: [names.nodeClass] },
    { module: modelModule(ctx, kind.input), names: [kind.input.className] },
    ...t.wiringImports,
    { module: 'omnibase_core.models.container.model_onex_container', names: ['ModelONEXContainer'] },
    { module: 'omnibase_core.models.dispatch.model_dispatch_result', names: ['ModelDispatchResult'] },
    { module: 'omnibase_core.models.events.model_event_envelope', names: ['ModelEventEnvelope'] },
    { module: 'omnibase_infra.enums', names: ['EnumDispatchStatus'] },
    { module: 'omnibase_infra.protocols.protocol_event_bus_like', names: ['ProtocolEventBusLike'] },
    { module: 'omnibase_infra.runtime.auto_wiring.discovery', names: ['discover_contracts_from_paths'] },
    { module: 'omnibase_infra.runtime.auto_wiring.handler_wiring', names: ['wire_from_manifest'] },
    { module: 'omnibase_infra.runtime.message_dispatch_engine', names: ['MessageDispatchEngine'] },
  ];
  if (effect) imports.push({ module: modelModule(ctx, kind.output), names: [kind.output.className] });
  const recordingStore = effect ? `class RecordingStore:
    """Stands in for the outside store behind ${clientClass(ctx)}."""

    async def connect(self) -> None:
        """Nothing to open."""

    async def write(self, key: str, payload: str) -> str:
        return "rev-1"


` : '';
  return pythonModule(ctx, `Runtime wiring of ${names.node}: its contract.yaml wires into the framework's
real dispatch engine, and a message on its topic reaches ${names.handlerClass}.

The bus is a stand-in (as in omnibase_infra's own wiring tests): nothing here
needs Kafka.`, imports, [], `CORRELATION_ID = UUID("00000000-0000-4000-8000-00000000002a")


def sample() -> ${kind.input.className}:
    return ${t.sample}


def contract_path() -> Path:
    """Where the runtime's discovery looks: beside the node class's module."""
    module_file = inspect.getfile(${names.nodeClass})
    return Path(module_file).parent / "contract.yaml"


${recordingStore}async def wire_and_dispatch() -> tuple[int, ModelDispatchResult]:
    """Wire the contract as the runtime does, then dispatch one message to it."""
    manifest = discover_contracts_from_paths([contract_path()])
    container = ModelONEXContainer()
${effect ? `    await ${names.registryClass}.register(\n        container,\n        RecordingStore(),\n    )\n` : ''}    bus = MagicMock(spec=ProtocolEventBusLike)
    bus.subscribe = AsyncMock(return_value=AsyncMock())
    engine = MessageDispatchEngine()
    report = await wire_from_manifest(
        manifest=manifest,
        dispatch_engine=engine,
        event_bus=bus,
        environment="local",
        container=container,
    )
    engine.freeze()
    (contract,) = manifest.contracts
    assert contract.event_bus is not None
    topic = contract.event_bus.subscribe_topics[0]
    envelope: ModelEventEnvelope[object] = ModelEventEnvelope(
        payload=sample(),
        correlation_id=CORRELATION_ID,
    )
    result = await engine.dispatch(topic=topic, envelope=envelope)
    return report.total_failed, result


def test_the_contract_is_discovered_with_its_handler() -> None:
    manifest = discover_contracts_from_paths([contract_path()])
    assert manifest.errors == ()
    (contract,) = manifest.contracts
    assert contract.name == "${names.node}"
    assert contract.handler_routing is not None
    (entry,) = contract.handler_routing.handlers
    assert entry.handler.name == "${names.handlerClass}"


def test_wires_and_dispatches_through_the_real_runtime() -> None:
    failed, result = asyncio.run(wire_and_dispatch())
    assert failed == 0
    assert result.status is EnumDispatchStatus.SUCCESS, result.error_message
${t.dispatched}`);
}
