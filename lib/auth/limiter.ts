/** Thrown when a limiter's queue is full: the caller answers "too many login attempts". */
export class BusyError extends Error {
  constructor() {
    super('Too many login attempts at once. Try again in a moment.');
    this.name = 'BusyError';
  }
}

export interface Limiter {
  /** Runs `task` once fewer than `running` tasks are running; throws BusyError if the queue is full. */
  run<T>(task: () => Promise<T>): Promise<T>;
  stats(): { running: number; queued: number };
}

/**
 * At most `running` tasks at once in this process, at most `queued` waiting (first come, first
 * served); more are refused at once. Used so a login flood holds a bounded number of
 * database connections and bcrypt threads and cannot starve the pages.
 */
export function createLimiter(opts: { running: number; queued: number }): Limiter {
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    running--;
    const wake = waiting.shift();
    if (wake) {
      running++;
      wake();
    }
  };
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= opts.running) {
        if (waiting.length >= opts.queued) throw new BusyError();
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else running++;
      try {
        return await task();
      } finally {
        next();
      }
    },
    stats: () => ({ running, queued: waiting.length }),
  };
}
