// ONEX019 canonical-handler: the contract's handlers in def-B shape, as core's canonical_handler_shape classifies them.
import type { PackageFacts } from '../../packageFacts';
import { type RuleTable, dedent, TODAY_PROJECT } from '../cases';

const FACTS: PackageFacts = {
  contract: '/proj/src/acme/nodes/node_checkpoint_validate_compute/contract.yaml',
  archetype: 'compute',
  handlers: [{ name: 'HandlerCheckpointValidate', module: 'acme.nodes.node_checkpoint_validate_compute.handlers.handler_checkpoint_validate' }],
  declaredEnvironment: [],
  configKeys: [],
};
const BOUND = {
  config: { packageFacts: FACTS },
  fileName: '/proj/src/acme/nodes/node_checkpoint_validate_compute/handlers/handler_checkpoint_validate.py',
};

const HEADER = dedent(`
  from __future__ import annotations

  from typing import TYPE_CHECKING, Any

  from omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput
  from omnibase_infra.enums import EnumHandlerType, EnumHandlerTypeCategory

  from acme.nodes.node_checkpoint_validate_compute.models import ModelCheckpointValidateInput, ModelCheckpointValidateOutput

  if TYPE_CHECKING:
      from omnibase_core.models.container.model_onex_container import ModelONEXContainer
`);

function handler(body: string): string {
  return `${HEADER}\n\nclass HandlerCheckpointValidate:\n    def __init__(self, container: ModelONEXContainer) -> None:\n        self._container = container\n\n${body}`;
}

export const ONEX019_PYTHON_CASES: RuleTable = {
  // Today's era's own rule: the cases are files of a project on today's framework.
  config: TODAY_PROJECT,
  valid: [
    {
      name: "infra's canonical compute handler: handle(self, request: ModelX) returning ModelHandlerOutput.for_compute",
      ...BOUND,
      code: handler(dedent(`
            @property
            def handler_type(self) -> EnumHandlerType:
                return EnumHandlerType.COMPUTE_HANDLER

            async def handle(self, request: ModelCheckpointValidateInput) -> ModelHandlerOutput[ModelCheckpointValidateOutput]:
                result = self.validate(request)
                return ModelHandlerOutput.for_compute(input_envelope_id=request.envelope_id, correlation_id=request.correlation_id, result=result)

            def validate(self, request: ModelCheckpointValidateInput) -> ModelCheckpointValidateOutput:
                return ModelCheckpointValidateOutput(correlation_id=request.correlation_id, valid=bool(request.checkpoint))
      `).replace(/^/gm, '    ').replace(/^ {4}$/gm, '')),
    },
    {
      name: 'the other adaptable shapes: a magic name untyped, a ...Command annotation, no parameter, **kwargs, a keyword-only extra',
      config: { packageFacts: { ...FACTS, handlers: [{ name: 'HandlerA' }, { name: 'HandlerB' }, { name: 'HandlerC' }, { name: 'HandlerD' }, { name: 'HandlerE' }] } },
      fileName: BOUND.fileName,
      code: dedent(`
        class HandlerA:
            def handle(self, payload):
                return payload


        class HandlerB:
            async def handle(self, cmd_in: LedgerAppendCommand):
                return cmd_in


        class HandlerC:
            def handle(self):
                return None


        class HandlerD:
            def handle(self, **kwargs):
                return kwargs


        class HandlerE:
            def handle(self, event, *, strict: bool = True):
                return event
      `),
    },
    {
      name: 'a class the contract does not bind, or bound in another module, is not judged',
      config: { packageFacts: { ...FACTS, handlers: [{ name: 'HandlerCheckpointValidate', module: 'acme.nodes.node_checkpoint_validate_compute.handlers.handler_other' }] } },
      fileName: BOUND.fileName,
      code: dedent(`
        from omnibase_core.models.events.model_event_envelope import ModelEventEnvelope


        class HandlerCheckpointValidate:
            def execute(self, envelope: ModelEventEnvelope[object]) -> None:
                return None


        class CheckpointHelper:
            def run(self, data: dict) -> None:
                return None
      `),
    },
  ],
  invalid: [
    {
      name: 'op_method: only operations, no handle()',
      ...BOUND,
      code: handler(dedent(`
            def execute(self, request: ModelCheckpointValidateInput) -> ModelCheckpointValidateOutput:
                return ModelCheckpointValidateOutput(correlation_id=request.correlation_id, valid=True)

            def append(self, rows: list[str]) -> None:
                self._rows = rows
      `).replace(/^/gm, '    ').replace(/^ {4}$/gm, '')),
      errors: [{ line: 14, column: 7, message: 'HandlerCheckpointValidate, which contract.yaml binds, has no handle(): its operations (execute, append) are not the def-B entry point' }],
    },
    {
      name: 'nonadaptable: an envelope typed object, a dict payload, two positional parameters, a positional-only request',
      config: { packageFacts: { ...FACTS, handlers: [{ name: 'HandlerA' }, { name: 'HandlerB' }, { name: 'HandlerC' }, { name: 'HandlerD' }] } },
      fileName: BOUND.fileName,
      code: dedent(`
        from typing import Any


        class HandlerA:
            async def handle(self, envelope: object) -> None:
                return None


        class HandlerB:
            async def handle(self, data: dict[str, Any]) -> None:
                return None


        class HandlerC:
            async def handle(self, request, context) -> None:
                return None


        class HandlerD:
            def handle_async(self, request):
                return request
      `),
      errors: [
        { line: 5, column: 21, message: 'HandlerA.handle is not def-B: its parameter envelope: object is neither named as a payload' },
        { line: 10, column: 21, message: 'its parameter data: dict[str, Any]' },
        { line: 15, column: 21, message: 'it takes 2 positional parameters (request, context)' },
        { line: 19, column: 7, message: 'HandlerD, which contract.yaml binds, has no handle() (handle_async() is not the canonical entry point)' },
      ],
    },
    {
      name: 'envelope_in_core: the handler module names ModelEventEnvelope (even only for typing)',
      ...BOUND,
      code: handler(dedent(`
            async def handle(self, request: ModelCheckpointValidateInput) -> ModelHandlerOutput[ModelCheckpointValidateOutput]:
                return ModelHandlerOutput.for_compute(input_envelope_id=request.envelope_id, correlation_id=request.correlation_id, result=None)
      `).replace(/^/gm, '    ').replace(/^ {4}$/gm, '')).replace(
        '    from omnibase_core.models.container.model_onex_container import ModelONEXContainer',
        '    from omnibase_core.models.container.model_onex_container import ModelONEXContainer\n    from omnibase_core.models.events.model_event_envelope import ModelEventEnvelope',
      ),
      errors: [{ line: 12, column: 66, message: 'this module of HandlerCheckpointValidate names ModelEventEnvelope: the envelope is the runtime\'s boundary' }],
    },
  ],
};
