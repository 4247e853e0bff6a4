// Running the real framework for the contract tests. Until test/helpers/framework.ts lands on
// main, the session's `fwrun` runs a command inside a framework venv; the API is the planned one
// (runFramework / frameworkAvailable), so switching is an import change.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type FrameworkEra = 'today' | 'bridge';

/** The framework root's folder on this machine (paths inside the venvs are relative to it). */
const FRAMEWORK_ROOT = process.env.ONEX_FORGE_FRAMEWORK_ROOT ?? '/tmp/trixie-try/root';

export function runFramework(era: FrameworkEra, args: string[], opts: { cwd?: string; timeoutMs?: number; input?: string } = {}): {
  status: number | null; stdout: string; stderr: string;
} {
  const result = spawnSync('fwrun', [era, ...args], {
    cwd: opts.cwd, input: opts.input, timeout: opts.timeoutMs ?? 300_000, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw new Error(`cannot run the framework (${era}): ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Throws a clear error when the framework environment is missing: the tests never skip. */
export function frameworkAvailable(era: FrameworkEra): true {
  const r = runFramework(era, ['python', '-c', 'import omnibase_core']);
  if (r.status !== 0) throw new Error(`the ${era} framework environment is not available: ${r.stderr.trim() || r.stdout.trim()}`);
  return true;
}

/** A path the framework printed, as this machine sees it. */
export function hostPath(frameworkPath: string): string {
  return existsSync(frameworkPath) ? frameworkPath : join(FRAMEWORK_ROOT, frameworkPath);
}

/** The folder of an installed package in the era's venv (asked of the venv's own Python). */
export function installedPackageDir(era: FrameworkEra, pkg: string): string {
  const r = runFramework(era, ['python', '-c', `import os, ${pkg}; print(os.path.dirname(${pkg}.__file__))`]);
  if (r.status !== 0) throw new Error(`cannot locate ${pkg} in the ${era} framework: ${r.stderr}`);
  return hostPath(r.stdout.trim());
}
