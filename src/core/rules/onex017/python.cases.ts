// ONEX017 io-outside-effect: I/O in the .py files beside a non-effect contract, as core's archetype-purity check.
import type { PackageFacts } from '../../packageFacts';
import { type RuleTable, dedent, TODAY_PROJECT } from '../cases';

const DIR = '/proj/src/acme/nodes/node_drift_score_compute';
const COMPUTE: PackageFacts = {
  contract: `${DIR}/contract.yaml`,
  archetype: 'compute',
  nodeType: 'COMPUTE_GENERIC',
  handlers: [{ name: 'NodeDriftScoreCompute', module: 'acme.nodes.node_drift_score_compute.handler' }],
  declaredEnvironment: [],
  configKeys: [],
};
const IN_COMPUTE = { config: { packageFacts: COMPUTE }, fileName: `${DIR}/handler.py` };

const IMPURE = dedent(`
  """Drift scoring, with the I/O it should not have."""

  from __future__ import annotations

  import json
  import os as _os
  import shutil
  import subprocess
  from pathlib import Path

  import httpx
  from omnibase_infra.event_bus import KafkaEventBus
  from pydantic import TypeAdapter


  class NodeDriftScoreCompute:
      def handle(self, request):
          rev = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True).stdout
          report = Path(request.out_dir) / "drift.json"
          report.parent.mkdir(parents=True, exist_ok=True)
          with open(report, "w") as f:
              json.dump({"rev": rev.decode()}, f)
          _os.remove(request.stale_path)
          shutil.rmtree(request.scratch)
          bus = KafkaEventBus(bootstrap_servers=request.brokers)
          scores = TypeAdapter(list[float]).validate_python(request.scores)
          return bus, scores
`);

export const ONEX017_PYTHON_CASES: RuleTable = {
  // Today's era's own rule: the cases are files of a project on today's framework.
  config: TODAY_PROJECT,
  valid: [
    {
      name: 'a pure compute handler: reads its request, computes, returns (file reads are not writes; TypeAdapter is validation)',
      ...IN_COMPUTE,
      code: dedent(`
        from pathlib import Path

        from pydantic import TypeAdapter

        from acme.nodes.node_drift_score_compute.models import ModelDriftScoreInput, ModelDriftScoreOutput


        class NodeDriftScoreCompute:
            def handle(self, request: ModelDriftScoreInput) -> ModelDriftScoreOutput:
                baseline = Path(request.baseline_path).read_text()
                values = TypeAdapter(list[float]).validate_python(request.values)
                return ModelDriftScoreOutput(score=sum(values) / max(len(baseline), 1))
      `),
    },
    { name: 'the same I/O in an effect package is where I/O lives', config: { packageFacts: { ...COMPUTE, archetype: 'effect' } }, fileName: `${DIR}/handler.py`, code: IMPURE },
    { name: 'a handlers/ sub-folder of a compute package: the check scans only the contract\'s own folder', config: { packageFacts: COMPUTE }, fileName: `${DIR}/handlers/handler_drift.py`, code: IMPURE },
    { name: 'a contract that names no archetype is not judged', config: { packageFacts: { ...COMPUTE, archetype: undefined } }, fileName: `${DIR}/handler.py`, code: IMPURE },
    {
      name: '# io-ok: on the statement, its last line or the line above',
      ...IN_COMPUTE,
      code: dedent(`
        import subprocess  # io-ok: version stamp for the report


        class NodeDriftScoreCompute:
            def handle(self, request):
                # io-ok: the report directory is created by the test harness
                Path(request.out_dir).mkdir(
                    exist_ok=True,
                )  # io-ok: harness-owned
                return subprocess.run(
                    ["uname"],
                )  # io-ok: read-only probe
      `),
    },
  ],
  invalid: [
    {
      name: 'every surface in a compute package: imports of subprocess and httpx, git, a mkdir, a write-mode open, os and shutil mutators (through an alias), a hand-built bus',
      ...IN_COMPUTE,
      code: IMPURE,
      errors: [
        { line: 8, column: 1, message: 'subprocess execution (import subprocess) in a compute package: only effect nodes may perform I/O' },
        { line: 11, column: 1, message: 'network/HTTP client (import httpx)' },
        { line: 18, column: 15, message: "git invocation (subprocess.run(['git', ...]))" },
        { line: 20, column: 9, message: 'filesystem write (.mkdir(...))' },
        { line: 21, column: 14, message: 'filesystem write (open(..., write mode))' },
        { line: 23, column: 9, message: 'filesystem write (os.remove(...))' },
        { line: 24, column: 9, message: 'filesystem write (shutil.rmtree(...))' },
        { line: 25, column: 15, message: 'direct event-bus instantiation (KafkaEventBus(...))' },
      ],
    },
    {
      name: 'a reducer package\'s node.py and an orchestrator\'s module (every non-effect archetype)',
      config: { packageFacts: { ...COMPUTE, archetype: 'orchestrator' } },
      fileName: `${DIR}/dispatchers.py`,
      code: dedent(`
        from sqlalchemy import create_engine
        from omnibase_infra.adapters import PostgresProjectionAdapter


        def build(dsn: str):
            return PostgresProjectionAdapter(create_engine(dsn))
      `),
      errors: [
        { line: 1, column: 1, message: 'database driver (from sqlalchemy import ...) in an orchestrator package' },
        { line: 6, column: 12, message: 'direct infra-adapter instantiation (PostgresProjectionAdapter(...))' },
      ],
    },
  ],
};
