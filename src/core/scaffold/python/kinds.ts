// What differs between the four node kinds in a generated Python node: the kind's own operation
// (the body a user replaces), its input fields, and sample inputs for the generated tests.
// Everything else (the ten production patterns) is the same for every kind.
import type { NodeKind } from '../naming';

export interface KindProfile {
  /** One line for docstrings and contract.yaml. */
  description: string;
  /** The private method holding the kind's own work. */
  operationMethod: string;
  operationIsAsync: boolean;
  /** The Python expression process() evaluates (inside the error ladder) to get the result dict. */
  operationCall: string;
  /** The operation method (and helpers), indented one level (class body). `{INPUT}` is the input model's name. */
  operationSource: string;
  /** Fields of the input model besides correlation_id, indented one level. */
  inputFields: string;
  /** Keyword arguments of a valid sample input in the tests, as Python source. */
  sampleInput: string;
  /** Assertions on `output.result` after a successful run, indented two levels (test method body). */
  resultAssertions: string;
}

const effect: KindProfile = {
  description: 'Effect node: performs the external I/O of its domain (APIs, databases, brokers).',
  operationMethod: '_perform_effect',
  operationIsAsync: true,
  operationCall: 'await asyncio.wait_for(\n    self._perform_effect(input_data), timeout=self.timeout_seconds\n)',
  operationSource: `    async def _perform_effect(
        self, input_data: {INPUT}
    ) -> dict[str, Any]:
        """
        The effect's external I/O: replace this body with the external call.

        Raise ConnectionError for transport failures and TimeoutError for timeouts:
        the entry point turns them into NETWORK_ERROR and TIMEOUT errors. Raise
        ModelOnexError for failures that already carry an ONEX error code.
        """
        return {
            "operation": input_data.operation,
            "accepted": True,
            "payload": dict(input_data.payload),
        }
`,
  inputFields: `    operation: str = Field(default="default", description="The operation to perform")
    payload: dict[str, Any] = Field(
        default_factory=dict, description="Data sent to the external system"
    )
`,
  sampleInput: 'operation="default", payload={"amount": 42}',
  resultAssertions: `        assert output.result["accepted"] is True
        assert output.result["payload"] == {"amount": 42}
`,
};

const compute: KindProfile = {
  description: 'Compute node: a pure, deterministic transformation of its input.',
  operationMethod: '_compute_result',
  operationIsAsync: false,
  operationCall: 'self._compute_result(input_data)',
  operationSource: `    def _compute_result(self, input_data: {INPUT}) -> dict[str, Any]:
        """
        The computation: pure and deterministic (no I/O); replace it.

        Raise ValueError for input it cannot compute: the entry point turns it into a
        VALIDATION_ERROR.
        """
        if not input_data.values:
            raise ValueError("values must not be empty")
        total = sum(input_data.values)
        return {
            "count": len(input_data.values),
            "total": total,
            "mean": total / len(input_data.values),
        }
`,
  inputFields: `    values: list[float] = Field(
        default_factory=list, description="Numbers to summarise"
    )
`,
  sampleInput: 'values=[1.0, 2.0, 3.0]',
  resultAssertions: `        assert output.result["count"] == 3
        assert output.result["mean"] == 2.0
`,
};

const reducer: KindProfile = {
  description: 'Reducer node: aggregates a batch of items into a summary state.',
  operationMethod: '_reduce_items',
  operationIsAsync: false,
  operationCall: 'self._reduce_items(input_data)',
  operationSource: `    def _reduce_items(self, input_data: {INPUT}) -> dict[str, Any]:
        """
        The reduction: groups the items by input_data.group_by and counts them.
        Replace it with the node's own aggregation.

        An item without the grouping key raises KeyError: the entry point turns it
        into a VALIDATION_ERROR.
        """
        groups: dict[str, int] = {}
        for item in input_data.items:
            key = str(item[input_data.group_by])
            groups[key] = groups.get(key, 0) + 1
        return {"total_items": len(input_data.items), "groups": groups}
`,
  inputFields: `    items: list[dict[str, Any]] = Field(
        default_factory=list, description="Items to aggregate"
    )
    group_by: str = Field(default="type", description="The item key to group by")
`,
  sampleInput: 'items=[{"type": "a"}, {"type": "b"}, {"type": "a"}]',
  resultAssertions: `        assert output.result["total_items"] == 3
        assert output.result["groups"] == {"a": 2, "b": 1}
`,
};

const orchestrator: KindProfile = {
  description: 'Orchestrator node: coordinates a workflow of steps across other nodes.',
  operationMethod: '_run_workflow',
  operationIsAsync: true,
  operationCall: 'await asyncio.wait_for(\n    self._run_workflow(input_data), timeout=self.timeout_seconds\n)',
  operationSource: `    async def _run_workflow(
        self, input_data: {INPUT}
    ) -> dict[str, Any]:
        """Runs the workflow's steps in order; a failing step fails the workflow."""
        completed: list[dict[str, Any]] = []
        for step in input_data.steps:
            completed.append(await self._run_step(step, input_data))
        return {
            "workflow_id": str(input_data.workflow_id),
            "completed_steps": completed,
        }

    async def _run_step(
        self, step: str, input_data: {INPUT}
    ) -> dict[str, Any]:
        """
        One workflow step: replace this body with the call to the node that does it.

        Raise ConnectionError or TimeoutError for transport failures; raise
        ModelOnexError for failures that already carry an ONEX error code.
        """
        return {"step": step, "status": "completed"}
`,
  inputFields: `    workflow_id: UUID = Field(
        default_factory=uuid4, description="The workflow run's id"
    )
    steps: list[str] = Field(
        default_factory=list, description="Names of the steps to run, in order"
    )
`,
  sampleInput: 'steps=["validate", "persist"]',
  resultAssertions: `        steps = [s["step"] for s in output.result["completed_steps"]]
        assert steps == ["validate", "persist"]
`,
};

/** The whole-node file template (snippet) has no kind of its own: a generic async operation. */
export const GENERIC_PROFILE: KindProfile = {
  description: 'Production ONEX node: put its work in _run_operation.',
  operationMethod: '_run_operation',
  operationIsAsync: true,
  operationCall: 'await asyncio.wait_for(\n    self._run_operation(input_data), timeout=self.timeout_seconds\n)',
  operationSource: `    async def _run_operation(
        self, input_data: {INPUT}
    ) -> dict[str, Any]:
        """
        The node's own work: replace this body.

        Raise ConnectionError for transport failures and TimeoutError for timeouts;
        raise ModelOnexError for failures that already carry an ONEX error code.
        """
        return {"payload": dict(input_data.payload)}
`,
  inputFields: `    payload: dict[str, Any] = Field(
        default_factory=dict, description="The operation's data"
    )
`,
  sampleInput: 'payload={"amount": 42}',
  resultAssertions: `        assert output.result["payload"] == {"amount": 42}
`,
};

export const KIND_PROFILES: Readonly<Record<NodeKind, KindProfile>> = { effect, compute, reducer, orchestrator };

/**
 * What differs between the kinds in the bridge era (omnibase_core 0.1.0), where the framework calls
 * the entry point with its own contract model (NodeEffect.execute_effect(contract)) instead of the
 * node's input model: the contract class, how the node reads its input from it, the kind's own
 * section of contract.yaml, and how the generated tests build a real contract.
 */
export interface BridgeKindProfile {
  /** `ModelContractEffect`: the class of omnibase_core.models.contracts.model_contract_<kind>. */
  contractClass: string;
  /**
   * The body of `_input_from_contract` after the contract's type check, indented two levels
   * (method body). `{INPUT}` is the input model's name. Returns the input model.
   */
  inputFromContract: string;
  /** Module-level constants the kind's node needs besides the shared ones (none: empty). */
  nodeConstants: string;
  /** The kind's own top-level keys of contract.yaml (what its contract model requires), unindented. */
  contractSection: string;
  /**
   * Whether contract.yaml carries the keys of the framework's generic YAML loaders
   * (`contract_version`, `node_name`: validation.contracts.ModelYamlContract and
   * utils.util_contract_loader). ModelContractOrchestrator forbids unknown keys, so an
   * orchestrator's contract cannot.
   */
  genericLoaderKeys: boolean;
  /** Keyword arguments of the sample run's input_state in the tests, as Python source (empty: none). */
  sampleInputState: string;
}

const bridgeEffect: BridgeKindProfile = {
  contractClass: 'ModelContractEffect',
  inputFromContract: `        return {INPUT}.model_validate(
            {**(contract.input_state or {}), "correlation_id": contract.correlation_id}
        )
`,
  nodeConstants: '',
  contractSection: `# The I/O the effect performs (ModelContractEffect requires at least one)
io_operations:
  - operation_type: "external_call"
    atomic: true
    timeout_seconds: 30
`,
  genericLoaderKeys: true,
  sampleInputState: 'operation="default", payload={"amount": 42}',
};

const bridgeCompute: BridgeKindProfile = {
  contractClass: 'ModelContractCompute',
  // ModelContractCompute.input_state maps names to ModelSchemaValue; it has no correlation_id of its own.
  inputFromContract: `        state = {
            key: value.to_value() if hasattr(value, "to_value") else value
            for key, value in (contract.input_state or {}).items()
        }
        return {INPUT}.model_validate(state)
`,
  nodeConstants: '',
  contractSection: `# The computation (ModelContractCompute requires an algorithm with at least one factor)
algorithm:
  algorithm_type: "summary_statistics"
  factors:
    values:
      weight: 1.0
      calculation_method: "arithmetic_mean"
`,
  genericLoaderKeys: true,
  sampleInputState: 'values=[1.0, 2.0, 3.0]',
};

const bridgeReducer: BridgeKindProfile = {
  contractClass: 'ModelContractReducer',
  inputFromContract: bridgeEffect.inputFromContract,
  nodeConstants: '',
  contractSection: '',
  genericLoaderKeys: true,
  sampleInputState: 'items=[{"type": "a"}, {"type": "b"}, {"type": "a"}], group_by="type"',
};

const bridgeOrchestrator: BridgeKindProfile = {
  contractClass: 'ModelContractOrchestrator',
  // ModelContractOrchestrator carries no input_state (and forbids unknown keys): a run is the
  // contract's correlation_id; the steps are the node's own.
  inputFromContract: `        return {INPUT}(
            correlation_id=contract.correlation_id,
            workflow_id=contract.correlation_id,
            steps=list(WORKFLOW_STEPS),
        )
`,
  nodeConstants: `# The workflow's steps, in order: replace them (and _run_step) with the node's own
WORKFLOW_STEPS = ("validate", "persist")
`,
  contractSection: '',
  genericLoaderKeys: false,
  sampleInputState: '',
};

export const BRIDGE_KIND_PROFILES: Readonly<Record<NodeKind, BridgeKindProfile>> = {
  effect: bridgeEffect, compute: bridgeCompute, reducer: bridgeReducer, orchestrator: bridgeOrchestrator,
};
