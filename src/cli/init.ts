// `onex-forge init`: writes a starting configuration — a [tool.onex-forge] table appended to an
// existing pyproject.toml, otherwise an onex-forge.json file. Never overwrites an existing one.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readConfigFile } from '../core/projectConfig';
import { parseArgs } from './args';
import { type CliIO, UsageError } from './io';

export const STARTING_TOML = `
[tool.onex-forge]
# Severity per rule: "off", "hint", "information", "warning" or "error", e.g. { ONEX010 = "error" }. A rule
# left out keeps its default, which may depend on the file's era (each rule's page has its era table).
rules = {}
# Extra base classes that make a class an ONEX node.
node-base-classes = []
# Lifecycle method names (ONEX002, ONEX005).
start-methods = ["startup", "initialize", "on_startup"]
stop-methods = ["shutdown", "cleanup", "on_shutdown"]
# Paths (gitignore patterns, relative to this file) that are never checked.
exclude = []
# The framework era rules, fixes and scaffolds follow: "auto" decides per file (its imports, else the
# omnibase-core version this project pins, else today's framework), or "current" (0.4x) or "bridge" (0.1.x).
framework-target = "auto"
`;

export function startingJson(): string {
  return JSON.stringify({
    // Rules left out keep their defaults, which may depend on the file's era (each rule's page has its era table).
    rules: {},
    nodeBaseClasses: [],
    startMethods: ['startup', 'initialize', 'on_startup'],
    stopMethods: ['shutdown', 'cleanup', 'on_shutdown'],
    exclude: [],
    frameworkTarget: 'auto',
  }, null, 2) + '\n';
}

export function runInit(args: string[], io: CliIO): number {
  const parsed = parseArgs(args, { values: [], switches: ['json'] });
  if (parsed.positional.length > 1) throw new UsageError('init takes at most one folder');
  const dir = resolve(io.cwd, parsed.positional[0] ?? '.');
  const json = join(dir, 'onex-forge.json');
  const pyproject = join(dir, 'pyproject.toml');
  if (existsSync(json)) throw new UsageError(`${json} already exists; nothing written`);
  if (existsSync(pyproject) && readConfigFile(pyproject)) throw new UsageError(`${pyproject} already has a [tool.onex-forge] table; nothing written`);
  if (existsSync(pyproject) && !parsed.switches.has('json')) {
    const text = readFileSync(pyproject, 'utf8');
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const sep = text.length === 0 || text.endsWith('\n') ? '' : eol;
    writeFileSync(pyproject, text + sep + STARTING_TOML.replace(/\n/g, eol));
    readConfigFile(pyproject); // the table just written must load
    io.stdout(`Added [tool.onex-forge] to ${pyproject}\n`);
  } else {
    writeFileSync(json, startingJson());
    io.stdout(`Wrote ${json}\n`);
  }
  return 0;
}
