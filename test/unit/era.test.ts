// The era resolver (rules.md "Eras"): explicit choice, the file's imports, the project's pin, today.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eraFromImports, eraOfVersion, resolveEra, type ImportSignal } from '../../src/core/era';
import { findProjectPin, lowerBound, pinInLockFile, pinInPyproject, pinOfRequirement } from '../../src/core/projectPin';
import { getPythonParser, parsePython } from '../../src/core/python/parser';
import { importsOf } from '../../src/core/python/imports';
import { SyntaxTree } from '../../src/core/python/view';
import { dedent } from '../helpers/ruleTester';

async function importsIn(code: string): Promise<ImportSignal[]> {
  const parser = await getPythonParser();
  const tree = parsePython(parser, dedent(code));
  try {
    return importsOf(new SyntaxTree(tree, dedent(code)).rootNode);
  } finally {
    tree.delete();
  }
}

describe('era: the file\'s own imports (step 2)', () => {
  const cases: { name: string; code: string; era: 'bridge' | 'current' | null; evidence?: RegExp }[] = [
    { name: 'bridge logging', code: 'from omnibase_core.logging.structured import emit_log_event_sync as emit_log_event\n', era: 'bridge', evidence: /omnibase_core\.logging\.structured \(line 1\)/ },
    { name: 'omninode_bridge client', code: 'import os\nfrom omninode_bridge.services.kafka_client import KafkaClient\n', era: 'bridge', evidence: /omninode_bridge \(line 2\)/ },
    { name: 'omnibase_core.core package', code: 'from omnibase_core.core.onex_container import ONEXContainer\n', era: 'bridge' },
    { name: 'ModelContainer from models.core', code: 'from omnibase_core.models.core.model_container import ModelContainer\n', era: 'bridge' },
    { name: 'other names from models.core say nothing', code: 'from omnibase_core.models.core.model_semver import ModelSemVer\n', era: null },
    { name: "today's logging", code: 'from omnibase_core.logging.logging_structured import emit_log_event_sync\n', era: 'current' },
    { name: 'omnibase_infra', code: 'import omnibase_infra.errors\n', era: 'current' },
    { name: 'handler output', code: 'from omnibase_core.models.dispatch.model_handler_output import ModelHandlerOutput\n', era: 'current' },
    { name: 'service compositions', code: 'from omnibase_core.nodes.node_service_effect import ModelServiceEffect\n', era: 'current' },
    { name: 'imports both eras have say nothing', code: 'from omnibase_core.nodes.node_effect import NodeEffect\nfrom omnibase_core.models.container.model_onex_container import ModelONEXContainer\nfrom omnibase_core.errors import ModelOnexError\n', era: null },
    { name: 'bridge signals win over today\'s', code: 'from omnibase_infra.errors import InfraConnectionError\nfrom omnibase_core.logging.structured import emit_log_event_sync\n', era: 'bridge' },
    { name: 'imports inside functions and TYPE_CHECKING count', code: 'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from omnibase_infra.enums import EnumHandlerType\n', era: 'current' },
    { name: 'a lazy import in a method counts', code: 'class A:\n    def f(self):\n        import omninode_bridge.services\n', era: 'bridge' },
    { name: 'relative imports say nothing', code: 'from .omnibase_infra import x\nfrom . import omninode_bridge\n', era: null },
    { name: 'a module that only starts with the same letters says nothing', code: 'import omnibase_infrastructure_tools\nimport omninode_bridges\n', era: null },
    { name: 'syntax errors elsewhere do not hide imports', code: 'from omnibase_infra.errors import X\ndef broken(:\n', era: 'current' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const result = eraFromImports(await importsIn(c.code));
      assert.equal(result?.era ?? null, c.era);
      if (c.evidence) assert.match(result!.evidence, c.evidence);
    });
  }
});

describe('era: the project pin (step 3)', () => {
  it('reads lower bounds of PEP 440 and Poetry constraints', () => {
    assert.equal(lowerBound('>=0.46.8,<0.47'), '0.46.8');
    assert.equal(lowerBound('==0.1.0'), '0.1.0');
    assert.equal(lowerBound('~=0.46.8'), '0.46.8');
    assert.equal(lowerBound('^0.1.0'), '0.1.0');
    assert.equal(lowerBound('~0.5'), '0.5');
    assert.equal(lowerBound('0.3.2'), '0.3.2');
    assert.equal(lowerBound('==0.46.*'), '0.46');
    assert.equal(lowerBound('<0.5'), null);
    assert.equal(lowerBound('*'), null);
  });

  it('reads PEP 508 requirements, normalising the package name, and git tags', () => {
    assert.equal(pinOfRequirement('omnibase-core>=0.46.8,<0.47')?.version, '0.46.8');
    assert.equal(pinOfRequirement('omnibase_core==0.1.0')?.version, '0.1.0');
    assert.equal(pinOfRequirement('Omnibase.Core[cli] (>=0.5)')?.version, '0.5');
    assert.equal(pinOfRequirement('omnibase-core @ git+https://github.com/OmniNode-ai/omnibase_core.git@v0.1.0')?.version, '0.1.0');
    assert.equal(pinOfRequirement('omnibase-core>=0.40; python_version >= "3.12"')?.version, '0.40');
    assert.equal(pinOfRequirement('omnibase-core @ git+https://github.com/OmniNode-ai/omnibase_core.git@main'), null);
    assert.equal(pinOfRequirement('omnibase-infra==0.38.6'), null);
    assert.equal(pinOfRequirement('omnibase-core-extras==9.9'), null);
  });

  it('reads pyproject.toml: PEP 621 dependencies, optional and group dependencies, Poetry, uv git sources', () => {
    assert.equal(pinInPyproject('[project]\nname = "x"\ndependencies = ["pydantic>=2", "omnibase-core==0.46.8"]\n')?.version, '0.46.8');
    assert.equal(pinInPyproject('[project.optional-dependencies]\nnodes = ["omnibase_core>=0.2"]\n')?.version, '0.2');
    assert.equal(pinInPyproject('[dependency-groups]\ndev = ["omnibase-core~=0.44.0"]\n')?.version, '0.44.0');
    assert.equal(pinInPyproject('[tool.poetry.dependencies]\npython = "^3.12"\nomnibase_core = {git = "https://github.com/OmniNode-ai/omnibase_core.git", tag = "v0.1.0"}\n')?.version, '0.1.0');
    assert.equal(pinInPyproject('[tool.poetry.dependencies]\nomnibase-core = "^0.3.1"\n')?.version, '0.3.1');
    assert.equal(pinInPyproject('[tool.poetry.group.dev.dependencies]\nomnibase-core = {version = ">=0.5,<0.6"}\n')?.version, '0.5');
    assert.equal(pinInPyproject('[project]\ndependencies = ["omnibase-core"]\n[tool.uv.sources]\nomnibase-core = { git = "https://x/omnibase_core.git", tag = "v0.1.0" }\n')?.version, '0.1.0');
    assert.equal(pinInPyproject('[project]\nname = "x"\ndependencies = ["pydantic"]\n'), null);
    assert.equal(pinInPyproject('[tool.poetry.dependencies]\nomnibase_core = {git = "https://x", branch = "main"}\n'), null);
  });

  it('reads uv.lock and poetry.lock', () => {
    assert.equal(pinInLockFile('version = 1\n[[package]]\nname = "pydantic"\nversion = "2.13.4"\n[[package]]\nname = "omnibase-core"\nversion = "0.46.8"\n')?.version, '0.46.8');
    assert.equal(pinInLockFile('[[package]]\nname = "omnibase_core"\nversion = "0.1.0"\n')?.version, '0.1.0');
    assert.equal(pinInLockFile('[[package]]\nname = "x"\nversion = "1"\n'), null);
  });

  it('walks up from a file to the nearest pinning folder; a lock file wins over pyproject.toml in its folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'onex-era-'));
    try {
      const pkg = join(root, 'repo', 'src', 'acme', 'nodes', 'node_x');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(join(pkg, 'node.py'), '');
      assert.equal(findProjectPin(join(pkg, 'node.py')), null);
      writeFileSync(join(root, 'repo', 'pyproject.toml'), '[project]\nname = "acme"\ndependencies = ["omnibase-core>=0.40"]\n');
      assert.deepEqual(findProjectPin(join(pkg, 'node.py'))?.version, '0.40');
      writeFileSync(join(root, 'repo', 'uv.lock'), '[[package]]\nname = "omnibase-core"\nversion = "0.1.0"\n');
      const pin = findProjectPin(join(pkg, 'node.py'));
      assert.equal(pin?.version, '0.1.0');
      assert.equal(pin?.file, join(root, 'repo', 'uv.lock'));
      // A nearer project that pins nothing does not hide the outer pin (a workspace member).
      writeFileSync(join(root, 'repo', 'src', 'acme', 'pyproject.toml'), '[project]\nname = "member"\n');
      assert.equal(findProjectPin(pkg)?.version, '0.1.0');
      // Malformed TOML pins nothing and does not throw.
      writeFileSync(join(root, 'repo', 'src', 'acme', 'pyproject.toml'), '[project\n');
      assert.equal(findProjectPin(pkg)?.version, '0.1.0');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('places versions: below 0.6.0 is the bridge era', () => {
    assert.equal(eraOfVersion('0.1.0'), 'bridge');
    assert.equal(eraOfVersion('0.5.6'), 'bridge');
    assert.equal(eraOfVersion('0.6.0'), 'current');
    assert.equal(eraOfVersion('0.46.8'), 'current');
    assert.equal(eraOfVersion('1.0'), 'current');
  });
});

describe('era: the resolver\'s order', () => {
  const bridgeImport: ImportSignal[] = [{ module: 'omnibase_core.logging.structured', names: ['emit_log_event_sync'], line: 2 }];
  const pin = { version: '0.46.8', spec: 'omnibase-core==0.46.8', file: '/p/pyproject.toml' };
  it('an explicit choice wins over everything', () => {
    const d = resolveEra({ setting: 'current', settingSource: '--target', imports: bridgeImport, pin });
    assert.deepEqual([d.era, d.step], ['current', 'explicit']);
    assert.match(d.reason, /--target/);
  });
  it('then the file\'s imports, over the project pin', () => {
    const d = resolveEra({ setting: 'auto', imports: bridgeImport, pin });
    assert.deepEqual([d.era, d.step], ['bridge', 'imports']);
    assert.match(d.reason, /line 3/);
  });
  it('then the project pin', () => {
    const d = resolveEra({ imports: [], pin: { version: '0.1.0', spec: 'tag = "v0.1.0"', file: '/p/pyproject.toml' } });
    assert.deepEqual([d.era, d.step], ['bridge', 'project']);
    assert.match(d.reason, /\/p\/pyproject\.toml/);
  });
  it('then today', () => {
    assert.deepEqual([resolveEra({}).era, resolveEra({}).step], ['current', 'default']);
  });
  it('TypeScript files take the bridge idiom unless chosen explicitly', () => {
    assert.deepEqual([resolveEra({ language: 'typescript', pin }).era, resolveEra({ language: 'typescript', pin }).step], ['bridge', 'language']);
    assert.equal(resolveEra({ language: 'typescript', setting: 'current' }).era, 'current');
  });
});
