import 'server-only';

/**
 * The one home of background work (refreshers, checks): jobs are registered by name and run
 * one after another, each when due, from server start and then every tick. A job's failure is
 * logged and retried at its next turn; it never stops the server or the other jobs. State lives
 * in one globalThis slot because Next may load this module more than once per process.
 */
export interface BackgroundJob {
  name: string;
  /** Minimum time between two runs. */
  everyMs: number;
  /** Wait a whole period before the first run too (a heavy daily check need not run at start). */
  notAtStart?: boolean;
  /** Returns a line worth logging, if any. */
  run: (now: Date) => Promise<string | void>;
}

export interface JobStatus {
  name: string;
  everyMs: number;
  lastStarted: number | null;
  lastFinished: number | null;
  lastSucceeded: number | null;
  /** The last run's error (null: it succeeded, or none has finished). */
  lastError: string | null;
  lastDurationMs: number | null;
}

/**
 * Where each run is also reported (lib/background/job-runs.ts: the dashboards database, so
 * that /status shows every server's jobs). A recorder that fails never stops a job.
 */
export interface JobRecorder {
  started(job: { name: string; everyMs: number }, at: number): Promise<void>;
  finished(
    job: { name: string; everyMs: number },
    run: { started: number; finished: number; error: string | null },
  ): Promise<void>;
}

interface State {
  jobs: BackgroundJob[];
  status: Map<string, JobStatus>;
  started: boolean;
  tick: Promise<void> | null;
  recorder: JobRecorder | null;
  /** The recorder's last failure was logged (logged once until it works again). */
  recorderFailing: boolean;
}

const TICK_MS = 60_000;
const slot = globalThis as unknown as { __gryphonBackground?: State };
const state = (): State =>
  (slot.__gryphonBackground ??= {
    jobs: [],
    status: new Map(),
    started: false,
    tick: null,
    recorder: null,
    recorderFailing: false,
  });

/** Reports every later start and end of a run to `recorder` too (null: memory only). */
export function setJobRecorder(recorder: JobRecorder | null): void {
  state().recorder = recorder;
}

/** Adds a job (a second registration under the same name replaces the first). */
export function registerJob(job: BackgroundJob): void {
  const s = state();
  s.jobs = [...s.jobs.filter((j) => j.name !== job.name), job];
  if (!s.status.has(job.name))
    s.status.set(job.name, {
      name: job.name,
      everyMs: job.everyMs,
      lastStarted: job.notAtStart ? Date.now() : null,
      lastFinished: null,
      lastSucceeded: null,
      lastError: null,
      lastDurationMs: null,
    });
}

/** Runs every due job once, in registration order; concurrent calls share one run. */
export function runDueJobs(
  log: (line: string) => void,
  now: () => Date = () => new Date(),
): Promise<void> {
  const s = state();
  const record = async (what: (r: JobRecorder) => Promise<void>) => {
    if (!s.recorder) return;
    try {
      await what(s.recorder);
      s.recorderFailing = false;
    } catch (err) {
      if (!s.recorderFailing)
        log(`job runs not recorded: ${err instanceof Error ? err.message : String(err)}`);
      s.recorderFailing = true;
    }
  };
  s.tick ??= (async () => {
    for (const job of s.jobs) {
      const st = s.status.get(job.name) as JobStatus;
      if (st.lastStarted !== null && now().getTime() - st.lastStarted < job.everyMs) continue;
      const started = now().getTime();
      st.lastStarted = started;
      st.everyMs = job.everyMs;
      await record((r) => r.started(job, started));
      try {
        const line = await job.run(now());
        if (line) log(`${job.name}: ${line}`);
        st.lastError = null;
      } catch (err) {
        st.lastError = err instanceof Error ? err.message : String(err);
        log(`${job.name} failed (will retry): ${st.lastError}`);
      }
      const finished = now().getTime();
      st.lastFinished = finished;
      st.lastDurationMs = finished - started;
      if (st.lastError === null) st.lastSucceeded = finished;
      const error = st.lastError;
      await record((r) => r.finished(job, { started, finished, error }));
    }
  })().finally(() => {
    s.tick = null;
  });
  return s.tick;
}

/** From server start: a first run at once, then every TICK_MS. Idempotent. */
export function startJobs(log: (line: string) => void = console.log): void {
  const s = state();
  if (s.started) return;
  s.started = true;
  const loop = async () => {
    await runDueJobs(log);
    setTimeout(loop, TICK_MS).unref();
  };
  setTimeout(loop, 0).unref();
}

export function jobStatuses(): JobStatus[] {
  return [...state().status.values()].map((s) => ({ ...s }));
}
