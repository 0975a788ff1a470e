/** A task the scheduler runs every `everyMs`. */
export interface Job {
  name: string;
  everyMs: number;
  /** Also run once right after start (default: wait one interval first). */
  runAtStart?: boolean;
  run(): Promise<unknown>;
}

/** Where the scheduler reports; Fastify's (pino) logger fits. */
export interface JobLogger {
  debug(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface Scheduler {
  start(): void;
  /** Stops the timers and waits for runs in progress, so the database can be closed after. */
  stop(): Promise<void>;
  /** Runs a job now (unless it is already running) and waits for it; for tests and the CLI. */
  runNow(name: string): Promise<void>;
}

/**
 * A minimal in-process scheduler for upkeep (decision 0003). Each job is re-armed only after its
 * run has finished, so runs of one job never overlap; a failing run is logged and the job keeps
 * its schedule; timers are unref'd so they never keep the process alive. With several app
 * instances on a server every instance runs the jobs: they must be safe to run twice.
 */
export function createScheduler(jobs: readonly Job[], log: JobLogger): Scheduler {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  let started = false;

  const execute = (job: Job): Promise<void> => {
    const inProgress = running.get(job.name);
    if (inProgress) return inProgress;
    const startedAt = performance.now();
    const done = job
      .run()
      .then(
        (result) => {
          const ms = Math.round(performance.now() - startedAt);
          // A run that reports nothing (e.g. "WAL still small") is not worth an info line a minute.
          if (result === undefined) log.debug({ job: job.name, ms }, "job done");
          else log.info({ job: job.name, ms, result }, "job done");
        },
        (err: unknown) => {
          log.error(
            { job: job.name, err: err instanceof Error ? err.message : String(err) },
            "job failed",
          );
        },
      )
      .finally(() => {
        running.delete(job.name);
        if (started) arm(job, job.everyMs);
      });
    running.set(job.name, done);
    return done;
  };

  const arm = (job: Job, delay: number) => {
    const timer = setTimeout(() => {
      timers.delete(job.name);
      void execute(job);
    }, delay);
    timer.unref();
    timers.set(job.name, timer);
  };

  return {
    start() {
      if (started) return;
      started = true;
      for (const job of jobs) arm(job, job.runAtStart ? 0 : job.everyMs);
    },
    async stop() {
      started = false;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all(running.values());
    },
    async runNow(name) {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`no job named ${name}`);
      const timer = timers.get(name);
      if (timer) {
        clearTimeout(timer);
        timers.delete(name);
      }
      await execute(job);
    },
  };
}
