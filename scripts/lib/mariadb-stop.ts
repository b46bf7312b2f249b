import { terminateSync } from './process-utils';

interface StoppableMariadb {
  pid: number;
  isRunning(): boolean;
  stop(): Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Makes sure the caller's process never leaves `m` running: on SIGINT/SIGTERM/SIGHUP it stops
 * the server cleanly and then lets the signal take its default course (unless the caller has
 * its own handler for it); on a plain exit it sends SIGTERM and waits synchronously (up to
 * 20 s), since nothing asynchronous runs in an 'exit' handler. Returns an unregister function.
 */
export function stopOnExit(m: StoppableMariadb): () => void {
  const onExit = () => {
    if (m.isRunning()) terminateSync(m.pid, 20_000);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void m
      .stop()
      .catch((err: unknown) => process.stderr.write(`mariadb: stop failed: ${String(err)}\n`))
      .finally(() => {
        unregister();
        // Our handler replaced the default action; re-raise so the process still dies of it.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
  };
  const unregister = () => {
    process.off('exit', onExit);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  process.on('exit', onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return unregister;
}
