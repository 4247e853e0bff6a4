// The names a generated Python node uses, derived once from the node name and kind. The snippet
// generator passes placeholder sentinels instead, so templates never derive names themselves.
import { domainNameFor, classNameFor, type NodeKind } from '../naming';

export interface PythonNames {
  /** snake_case node name: the package folder, NODE_NAME, event types. */
  nodeName: string;
  /** `effect`: the kind as written in module names and NODE_TYPE. */
  kind: string;
  /** `Effect`: the kind in class names (`NodeEffect`). */
  kindTitle: string;
  /** `NodePaymentGatewayEffect`. */
  className: string;
  /** `ModelPaymentGatewayInput` / `ModelPaymentGatewayOutput`. */
  inputModel: string;
  outputModel: string;
  /** `model_payment_gateway_input` / `..._output`: the models' module names. */
  inputModule: string;
  outputModule: string;
}

export function pythonNamesFor(name: string, kind: NodeKind): PythonNames {
  const domain = domainNameFor(name, kind);
  return {
    nodeName: name,
    kind,
    kindTitle: kind.charAt(0).toUpperCase() + kind.slice(1),
    className: classNameFor(name, kind),
    inputModel: `Model${domain}Input`,
    outputModel: `Model${domain}Output`,
    inputModule: `model_${name}_input`,
    outputModule: `model_${name}_output`,
  };
}
