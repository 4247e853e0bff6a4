import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCli } from '../../src/cli/cli';
import type { CliIO } from '../../src/cli/io';
import type { Clock } from '../../src/core/clock';
import { tempFolder } from '../helpers/temp';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Whether the command asked for a quick start (CliIO.preferQuickStart). */
  quickStart: boolean;
}

/** Runs the CLI in-process; `clock` is what its analyses measure their time budget with. */
export async function cli(args: string[], cwd: string, stdin = '', isTTY = false, clock?: Clock): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let quickStart = false;
  const io: CliIO = {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    readStdin: async () => stdin,
    isTTY,
    cwd,
    preferQuickStart: () => { quickStart = true; },
    clock,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr, quickStart };
}

/** A temp folder with the given files (paths relative to it), removed when the test run ends. */
export function project(files: Record<string, string>): string {
  const root = tempFolder('onex-cli-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** A small file with one ONEX011 finding (line 4) and one ONEX010 finding pair (lines 7 and 9). */
export const BAD_PY = [
  'import time',
  'from omnibase_core.errors import EnumCoreErrorCode',
  '',
  'CODE = EnumCoreErrorCode.CONNECTION_ERROR',
  '',
  'def work():',
  '    start = time.time()',
  '    do()',
  '    return time.time() - start',
  '',
].join('\n');

export const CLEAN_PY = 'import time\n\ndef work():\n    start = time.perf_counter()\n    return time.perf_counter() - start\n';
