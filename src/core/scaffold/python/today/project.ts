// What a Python project tells today's scaffold: read from the text of its pyproject.toml (no file
// system here) — the package path of the chosen folder, the topics' producer, the SPDX copyright
// holder and license — and the minimal text edit that registers the node as an `onex.nodes`
// entry point, keeping the user's comments and formatting.
import { isDeepStrictEqual } from 'node:util';
import { parse as parseToml } from 'smol-toml';
import { PYTHON_KEYWORDS, ScaffoldError, type PythonPlacement, type ScaffoldEdit } from '../../naming';

export const ENTRY_POINT_GROUP = 'onex.nodes';

type Table = Record<string, unknown>;

function table(value: unknown): Table | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Table) : undefined;
}

function parsePyproject(text: string): Table {
  try {
    return parseToml(text) as Table;
  } catch (error) {
    throw new ScaffoldError(`pyproject.toml is not valid TOML (${(error as Error).message.split('\n')[0]}); fix it first, nothing was written.`);
  }
}

/** A kebab-case topic segment (`[a-z][a-z0-9-]*`) from a project or folder name; '' when nothing is left. */
export function kebabSegment(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '');
}

const SPDX_EXPRESSION = /^[A-Za-z0-9.+-]+(?: (?:AND|OR|WITH) [A-Za-z0-9.+-]+)*$/;

/** Trove classifiers of the common licenses, to their SPDX identifiers. */
const LICENSE_CLASSIFIERS: Record<string, string> = {
  'License :: OSI Approved :: MIT License': 'MIT',
  'License :: OSI Approved :: Apache Software License': 'Apache-2.0',
  'License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'License :: OSI Approved :: ISC License (ISCL)': 'ISC',
};

export interface ProjectFacts {
  /** `[project].name`, when set. */
  name?: string;
  /** `[tool.onex-forge].copyright-holder`, else the first author's (or maintainer's) name or email. */
  holder?: string;
  /** An SPDX license expression from `[project].license` or its classifiers. */
  license?: string;
}

export function projectFacts(pyproject: string): ProjectFacts {
  const data = parsePyproject(pyproject);
  const project = table(data.project);
  const facts: ProjectFacts = {};
  if (typeof project?.name === 'string' && project.name.trim()) facts.name = project.name.trim();

  const configured = table(table(data.tool)?.['onex-forge'])?.['copyright-holder'];
  if (typeof configured === 'string' && configured.trim()) facts.holder = configured.trim();
  for (const key of ['authors', 'maintainers']) {
    if (facts.holder) break;
    const people = project?.[key];
    const first = Array.isArray(people) ? table(people[0]) : undefined;
    const who = typeof first?.name === 'string' && first.name.trim() ? first.name : first?.email;
    if (typeof who === 'string' && who.trim()) facts.holder = who.trim();
  }

  const license = project?.license;
  const text = typeof license === 'string' ? license : table(license)?.text;
  if (typeof text === 'string' && SPDX_EXPRESSION.test(text.trim())) facts.license = text.trim();
  if (!facts.license && Array.isArray(project?.classifiers)) {
    for (const classifier of project.classifiers) {
      const spdx = typeof classifier === 'string' ? LICENSE_CLASSIFIERS[classifier.trim()] : undefined;
      if (spdx) {
        facts.license = spdx;
        break;
      }
    }
  }
  return facts;
}

/**
 * The dotted package the chosen folder is, inside its project: `src/acme/nodes` → `acme.nodes`
 * (src layout), `acme/nodes` → `acme.nodes` (flat layout), '' for the project's (or src's) own
 * folder. Throws when a folder on the way is not a Python identifier.
 */
export function packageOfFolder(folderFromProject: string): string {
  let parts = folderFromProject.split('/').filter((p) => p !== '' && p !== '.');
  if (parts[0] === 'src') parts = parts.slice(1);
  for (const part of parts) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(part) || PYTHON_KEYWORDS.has(part)) {
      throw new ScaffoldError(`The folder "${part}" (in ${folderFromProject}) is not a Python package name, so the node could not be imported from it; `
        + 'choose a folder inside your package, e.g. src/<package>/nodes. Nothing was written.');
    }
  }
  return parts.join('.');
}

/** Where the node goes, as the plan needs it. */
export interface TodayPlacement {
  /** The dotted module of the node's package, e.g. `acme.nodes.payment_gateway`. */
  module: string;
  /** Its top-level package (first party for ruff's import sorting). */
  topLevel: string;
  /** The node's folder relative to the plan's base folder. */
  root: string;
  /** The tests' folder relative to the plan's base folder. */
  testsDir: string;
  /** Whether the tests folder is inside the package (no project). */
  testsInPackage: boolean;
  producer: string;
  holder: string;
  license: string;
  year: number;
  /** Set when the plan is relative to the project's folder. */
  pyproject?: string;
}

export function todayPlacement(name: string, placement: PythonPlacement | undefined): TodayPlacement {
  const year = placement?.year ?? new Date().getFullYear();
  const project = placement?.project;
  if (!project) {
    const producer = kebabSegment(placement?.folderName ?? '') || kebabSegment(name);
    return {
      module: name, topLevel: name, root: name, testsDir: `${name}/tests`, testsInPackage: true,
      producer, holder: `The ${producer} authors`, license: 'MIT', year,
    };
  }
  const facts = projectFacts(project.pyproject);
  const pkg = packageOfFolder(project.folderFromProject);
  const folder = project.folderFromProject.split('/').filter((p) => p !== '' && p !== '.').join('/');
  const producer = kebabSegment(facts.name ?? '') || kebabSegment(pkg.split('.')[0] ?? '') || kebabSegment(name);
  return {
    module: pkg ? `${pkg}.${name}` : name,
    topLevel: pkg ? pkg.split('.')[0] : name,
    root: folder ? `${folder}/${name}` : name,
    testsDir: `tests/unit/nodes/${name}`,
    testsInPackage: false,
    producer,
    holder: facts.holder ?? `The ${producer} authors`,
    license: facts.license ?? 'MIT',
    year,
    pyproject: project.pyproject,
  };
}

const ENTRY_POINTS_HEADER = /^[ \t]*\[[ \t]*(?:project|"project"|'project')[ \t]*\.[ \t]*(?:entry-points|"entry-points"|'entry-points')[ \t]*\.[ \t]*(?:"onex\.nodes"|'onex\.nodes')[ \t]*\][ \t]*(?:#.*)?$/;
const ANY_HEADER = /^[ \t]*\[/;
const CONTENT_LINE = /^[ \t]*[^\s#]/;

function entryPoints(data: Table): Table | undefined {
  return table(table(table(data.project)?.['entry-points'])?.[ENTRY_POINT_GROUP]);
}

/** The result of registering the node: an edit, or nothing to edit with a note saying why. */
export type EntryPointChange = { edit: ScaffoldEdit } | { note: string };

/**
 * Registers `name = "module"` under `[project.entry-points."onex.nodes"]`: one line inserted after
 * the table's last entry, or the table appended at the end. The edit is checked by parsing the
 * result: it must add exactly that entry and change nothing else; when it would not, the plan
 * edits nothing and says how to register the node by hand.
 */
export function entryPointChange(pyproject: string, name: string, module: string): EntryPointChange {
  const data = parsePyproject(pyproject);
  const line = `${name} = "${module}"`;
  const byHand = `add \`${line}\` under [project.entry-points."${ENTRY_POINT_GROUP}"] yourself so the runtime finds the node`;
  if (!table(data.project)) {
    return { note: `pyproject.toml has no [project] table, so it was not changed: ${byHand} (or in your build tool's entry-point table).` };
  }
  const existing = entryPoints(data)?.[name];
  if (existing === module) return { note: `pyproject.toml already registers ${name} as an ${ENTRY_POINT_GROUP} entry point.` };
  if (existing !== undefined) {
    throw new ScaffoldError(`pyproject.toml already registers an ${ENTRY_POINT_GROUP} entry point named ${name} (${JSON.stringify(existing)}); choose another name. Nothing was written.`);
  }

  const eol = pyproject.includes('\r\n') ? '\r\n' : '\n';
  const lines = pyproject.split(/(?<=\n)/); // keeps each line's ending
  let offset = -1;
  let text = '';
  const header = lines.findIndex((l) => ENTRY_POINTS_HEADER.test(l.replace(/\r?\n$/, '')));
  if (header >= 0) {
    let last = header;
    for (let i = header + 1; i < lines.length && !ANY_HEADER.test(lines[i]); i++) {
      if (CONTENT_LINE.test(lines[i])) last = i;
    }
    offset = lines.slice(0, last + 1).reduce((n, l) => n + l.length, 0);
    const needsBreak = !/\n$/.test(lines[last]);
    text = `${needsBreak ? eol : ''}${line}${eol}`;
  } else {
    offset = pyproject.length;
    const lead = pyproject.length === 0 ? '' : pyproject.endsWith(`${eol}${eol}`) ? '' : pyproject.endsWith('\n') ? eol : `${eol}${eol}`;
    text = `${lead}[project.entry-points."${ENTRY_POINT_GROUP}"]${eol}${line}${eol}`;
  }

  const after = `${pyproject.slice(0, offset)}${text}${pyproject.slice(offset)}`;
  let parsed: Table | undefined;
  try {
    parsed = parseToml(after) as Table;
  } catch {
    parsed = undefined;
  }
  const added = parsed ? entryPoints(parsed) : undefined;
  if (parsed && added?.[name] === module) {
    delete added[name];
    if (Object.keys(added).length === 0 && !entryPoints(data)) {
      const group = table(table(parsed.project)?.['entry-points'])!;
      delete group[ENTRY_POINT_GROUP];
      if (Object.keys(group).length === 0 && !table(table(data.project)?.['entry-points'])) delete table(parsed.project)!['entry-points'];
    }
    if (isDeepStrictEqual(parsed, data)) {
      return { edit: { path: 'pyproject.toml', original: pyproject, offset, text, summary: `registered ${name} as an ${ENTRY_POINT_GROUP} entry point (${line})` } };
    }
  }
  return { note: `pyproject.toml declares its entry points in a form this edit does not handle, so it was not changed: ${byHand}.` };
}
