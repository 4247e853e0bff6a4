// Today's Python node package (omnibase_core 0.46 / omnibase_infra 0.38; current-era.md §1, §11):
//   <folder>/<name>/{__init__.py, node.py, contract.yaml, handlers/, models/, registry/[, protocols/]}
// with tests in the project's tests/unit/nodes/<name>/ and the `onex.nodes` entry point added to
// its pyproject.toml — or, with no project above the folder, tests in <name>/tests/.
// Planning only: the caller reads the pyproject and passes its text (ScaffoldOptions.placement).
import { ScaffoldError, type ScaffoldFile, type ScaffoldOptions, type ScaffoldPlan } from '../../naming';
import {
  clientClass, packageInit, renderClientProtocolPy, renderContractYaml, renderHandlerPy, renderModelPy,
  renderNodePy, renderRegistryPy, header, type RenderContext,
} from './files';
import { TODAY_KINDS } from './kinds';
import { todayNamesFor, topicFor } from './names';
import { ENTRY_POINT_GROUP, entryPointChange, todayPlacement } from './project';
import { renderHandlerTestPy, renderWiringTestPy } from './tests';

/** The runtime's limit on the ids it derives from a contract (omnibase_core's ModelDispatchRoute). */
const MAX_ROUTE_ID = 200;

/**
 * Refuses names whose route id (`route.auto.<contract>.<Handler>.<operation>_<digest>.<topic>`, as
 * omnibase_infra's auto-wiring derives it) would be longer than the runtime accepts: wiring such a
 * node fails at boot.
 */
function checkRouteLength(node: string, handler: string, operation: string, topic: string): void {
  const op = operation.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  const routeId = `route.auto.${node}.${handler}.${op}_00000000.${topic.replace(/[.-]/g, '_')}`;
  if (routeId.length > MAX_ROUTE_ID) {
    throw new ScaffoldError(`The name "${node}" is too long for today's runtime: the route it wires for the node (topic ${topic}) `
      + `would have a ${routeId.length}-character id, and the runtime accepts ${MAX_ROUTE_ID}. Choose a shorter node name. Nothing was written.`);
  }
}

export function planTodayScaffold(options: ScaffoldOptions): ScaffoldPlan {
  if (options.layout === 'versioned') {
    throw new ScaffoldError('The versioned layout (<name>/v1_0_0/) belongs to the bridge era: today\'s framework keeps the version '
      + 'in contract.yaml only. Use --layout flat with --target current, or --target bridge for the versioned layout. Nothing was written.');
  }
  const place = todayPlacement(options.name, options.placement);
  const names = todayNamesFor(options.name, options.kind, place);
  const kind = TODAY_KINDS[options.kind](names);
  const ctx: RenderContext = { names, kind, place };
  checkRouteLength(names.node, names.handlerClass, kind.operation, topicFor(names, kind.subscribe.category, kind.subscribe.event));
  const at = (path: string) => `${place.root}/${path}`;
  const models = [kind.input, kind.output];

  const files: ScaffoldFile[] = [
    { path: at('__init__.py'), content: packageInit(ctx, `${names.node}: ${kind.summary}`, [{ module: `${names.pkg}.node`, name: names.nodeClass }]) },
    { path: at('node.py'), content: renderNodePy(ctx) },
    { path: at('contract.yaml'), content: renderContractYaml(ctx) },
    { path: at('handlers/__init__.py'), content: packageInit(ctx, `The handler of ${names.node}.`, [{ module: `${names.pkg}.handlers.${names.handlerModule}`, name: names.handlerClass }]) },
    { path: at(`handlers/${names.handlerModule}.py`), content: renderHandlerPy(ctx) },
    { path: at('models/__init__.py'), content: packageInit(ctx, `The models of ${names.node}, one per module.`, models.map((m) => ({ module: `${names.pkg}.models.${m.file}`, name: m.className }))) },
    ...models.map((m) => ({ path: at(`models/${m.file}.py`), content: renderModelPy(ctx, m) })),
    { path: at('registry/__init__.py'), content: packageInit(ctx, `The registry of ${names.node}.`, [{ module: `${names.pkg}.registry.${names.registryModule}`, name: names.registryClass }]) },
    { path: at(`registry/${names.registryModule}.py`), content: renderRegistryPy(ctx) },
  ];
  if (options.kind === 'effect') {
    files.push(
      { path: at('protocols/__init__.py'), content: packageInit(ctx, `The outside services ${names.node} uses.`, [{ module: `${names.pkg}.protocols.protocol_${names.domain}_client`, name: clientClass(ctx) }]) },
      { path: at(`protocols/protocol_${names.domain}_client.py`), content: renderClientProtocolPy(ctx) },
    );
  }
  const tests = (path: string) => `${place.testsDir}/${path}`;
  if (place.testsInPackage) {
    // A package, so pytest puts the folder above the node on sys.path and the node imports.
    files.push({ path: tests('__init__.py'), content: `${header(ctx)}"""Tests of ${names.node}."""\n` });
  }
  files.push(
    { path: tests(`test_${names.node}_handler.py`), content: renderHandlerTestPy(ctx) },
    { path: tests(`test_${names.node}_wiring.py`), content: renderWiringTestPy(ctx) },
  );

  const plan: ScaffoldPlan = { root: place.root, files, mainFile: at(`handlers/${names.handlerModule}.py`), notes: [] };
  if (place.pyproject !== undefined) {
    plan.base = 'project';
    const change = entryPointChange(place.pyproject, names.node, names.pkg);
    if ('edit' in change) plan.edits = [change.edit];
    else plan.notes!.push(change.note);
  } else {
    plan.notes!.push(`No pyproject.toml at or above the folder: the tests are in ${place.testsDir}/ and the topics' producer is "${place.producer}". `
      + `In a project, register the package under [project.entry-points."${ENTRY_POINT_GROUP}"] so the runtime finds it.`);
  }
  return plan;
}
