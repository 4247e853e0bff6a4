// What a CLI command may touch of the outside world; tests pass their own.
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  isTTY: boolean;
  cwd: string;
}

export class UsageError extends Error {}

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
};
