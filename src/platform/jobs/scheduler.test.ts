import { afterEach, describe, expect, it, vi } from "vitest";
import type { Database } from "../db/client.ts";
import { createScheduler, type Job, type JobLogger } from "./scheduler.ts";
import { upkeepJobs } from "./upkeep.ts";

function recordingLogger() {
  const lines: { level: string; details: Record<string, unknown>; message: string }[] = [];
  const at =
    (level: string) =>
    (details: Record<string, unknown>, message: string): void => {
      lines.push({ level, details, message });
    };
  const log: JobLogger = { debug: at("debug"), info: at("info"), error: at("error") };
  return { log, lines };
}

/** A job whose runs finish only when the test says so. */
function controlledJob(everyMs: number) {
  const finishers: (() => void)[] = [];
  let runs = 0;
  const job: Job = {
    name: "controlled",
    everyMs,
    run: () => {
      runs++;
      return new Promise<void>((resolve) => finishers.push(resolve));
    },
  };
  return { job, runs: () => runs, finish: () => finishers.shift()?.() };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("createScheduler", () => {
  it("runs a job every interval, and never starts a run while the previous one is busy", async () => {
    vi.useFakeTimers();
    const { job, runs, finish } = controlledJob(1_000);
    const scheduler = createScheduler([job], recordingLogger().log);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(999);
    expect(runs()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs()).toBe(1);
    // The run takes ten intervals: no second run starts meanwhile.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs()).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs()).toBe(2);
    finish();
    await scheduler.stop();
  });

  it("logs a failing run instead of throwing, and keeps the job on its schedule", async () => {
    vi.useFakeTimers();
    const { log, lines } = recordingLogger();
    let runs = 0;
    const scheduler = createScheduler(
      [
        {
          name: "flaky",
          everyMs: 100,
          run: async () => {
            runs++;
            if (runs === 1) throw new Error("database is busy");
            return { ok: true };
          },
        },
      ],
      log,
    );
    scheduler.start();
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toBe(2);
    expect(lines[0]).toEqual({
      level: "error",
      details: { job: "flaky", err: "database is busy" },
      message: "job failed",
    });
    expect(lines[1]).toMatchObject({
      level: "info",
      details: { job: "flaky", result: { ok: true } },
    });
    await scheduler.stop();
  });

  it("stop waits for the run in progress and then runs nothing more", async () => {
    vi.useFakeTimers();
    const { job, runs, finish } = controlledJob(100);
    const scheduler = createScheduler([job], recordingLogger().log);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(100);
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs()).toBe(1);
  });

  it("runNow runs a job at once, and runAtStart runs it right after start", async () => {
    vi.useFakeTimers();
    let runs = 0;
    const job: Job = {
      name: "now",
      everyMs: 60_000,
      runAtStart: true,
      run: async () => void runs++,
    };
    const scheduler = createScheduler([job], recordingLogger().log);
    await scheduler.runNow("now");
    expect(runs).toBe(1);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(2);
    await expect(scheduler.runNow("missing")).rejects.toThrow("no job named missing");
    await scheduler.stop();
  });

  it("does not keep the process alive: its timers are unref'd", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const before = timers();
    const scheduler = createScheduler(
      [{ name: "idle", everyMs: 3_600_000, run: async () => undefined }],
      recordingLogger().log,
    );
    scheduler.start();
    expect(timers()).toBe(before);
    await scheduler.stop();
  });
});

describe("upkeepJobs", () => {
  const pglite = { kind: "pglite" } as Database;
  const server = { kind: "postgres" } as Database;
  const names = (jobs: Job[]) => jobs.map((j) => `${j.name}/${j.everyMs / 60_000}m`);

  it("schedules VACUUM and the WAL check on PGlite, at the configured interval", () => {
    expect(names(upkeepJobs(pglite, { vacuumIntervalMinutes: 60 }))).toEqual([
      "delete-stale-security-records/15m",
      "database-maintenance/60m",
      "wal-checkpoint/1m",
    ]);
    expect(names(upkeepJobs(pglite, { vacuumIntervalMinutes: 0 }))).toEqual([
      "delete-stale-security-records/15m",
      "wal-checkpoint/1m",
    ]);
  });

  it("leaves VACUUM and checkpoints to the server's autovacuum and checkpointer", () => {
    expect(names(upkeepJobs(server, { vacuumIntervalMinutes: 60 }))).toEqual([
      "delete-stale-security-records/15m",
    ]);
  });
});
