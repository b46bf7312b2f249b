/**
 * Shared plumbing for our command-line entry points: flags, coloured one-line errors, and the
 * rule that a known failure (bad config, unreachable database) prints one clear line and exits
 * non-zero without a stack trace. Set DEBUG=1 to see stacks.
 */
import { ConfigError, DatabaseUnreachableError, BadRequestError } from '../../lib/core/errors';

const tty = process.stdout.isTTY;
export const red = (s: string) => (tty ? `\x1b[31m${s}\x1b[0m` : s);
export const green = (s: string) => (tty ? `\x1b[32m${s}\x1b[0m` : s);
export const yellow = (s: string) => (tty ? `\x1b[33m${s}\x1b[0m` : s);
export const bold = (s: string) => (tty ? `\x1b[1m${s}\x1b[0m` : s);

export function hasFlag(args: string[], flag: string): boolean {
  return args.includes(flag);
}

/** Value of `--name value` or `--name=value`; undefined when absent. */
export function flagValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
  }
  return undefined;
}

export class UsageError extends Error {}

export function runCli(main: (args: string[]) => Promise<number | void>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => {
      const known =
        err instanceof ConfigError ||
        err instanceof DatabaseUnreachableError ||
        err instanceof BadRequestError ||
        err instanceof UsageError;
      const message = err instanceof Error ? err.message : String(err);
      console.error(red(`error: ${message}`));
      if (!known || process.env.DEBUG) console.error(err instanceof Error ? err.stack : err);
      process.exit(1);
    },
  );
}
