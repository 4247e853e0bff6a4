// What a CLI command may touch of the outside world; tests pass their own.
import { setFlagsFromString } from 'node:v8';
import type { Clock } from '../core/clock';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  isTTY: boolean;
  cwd: string;
  /**
   * Called before the first analysis of a short in-process run. The process's own: compile the Python
   * parser's WebAssembly with V8's baseline compiler only. Optimising it pays off over many files, but
   * in a short run the optimising compiles still running in the background hold the process open for
   * about 0.15 s after the output is written.
   */
  preferQuickStart?(): void;
  /** What analysis time budgets are measured with (tests give their own); the analysis then runs in-process. */
  clock?: Clock;
}

export class UsageError extends Error {}

/** Python text (characters, all files) up to which a run analysed in-process prefers a quick start. */
export const QUICK_START_MAX_CHARS = 256 * 1024;

export const processIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  isTTY: !!process.stdout.isTTY && !process.env.NO_COLOR,
  cwd: process.cwd(),
  preferQuickStart: () => {
    try {
      setFlagsFromString('--liftoff-only');
    } catch {
      // (Only a speed-up: a Node.js that refuses the flag runs as before.)
    }
  },
};
