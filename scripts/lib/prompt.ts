import readline from 'node:readline';
import { Writable } from 'node:stream';

/**
 * Questions on one terminal session. A single readline interface reads every answer, so
 * answers piped in ahead of the questions (tests, `printf 'y\n...' | npm run create-user`) are
 * queued rather than lost. `hidden` answers are not echoed.
 */
export class Prompter {
  private muted = false;
  private readonly rl: readline.Interface;
  private readonly lines: AsyncIterator<string>;

  constructor() {
    const output = new Writable({
      write: (chunk, _enc, done) => {
        if (!this.muted) process.stdout.write(chunk);
        done();
      },
    });
    this.rl = readline.createInterface({
      input: process.stdin,
      output,
      terminal: Boolean(process.stdin.isTTY),
    });
    this.rl.on('SIGINT', () => {
      process.stdout.write('\n');
      process.exit(130);
    });
    this.lines = this.rl[Symbol.asyncIterator]();
  }

  async ask(question: string, opts: { hidden?: boolean } = {}): Promise<string> {
    process.stdout.write(question);
    this.muted = Boolean(opts.hidden);
    try {
      const next = await this.lines.next();
      if (next.done) throw new Error('no answer: standard input ended');
      return next.value;
    } finally {
      this.muted = false;
      if (opts.hidden || !process.stdin.isTTY) process.stdout.write('\n');
    }
  }

  close(): void {
    this.rl.close();
  }
}

/** All of standard input, without the final line break (for --password-stdin). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
