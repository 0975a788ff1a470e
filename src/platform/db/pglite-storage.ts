import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { NodeFS } from "@electric-sql/pglite/nodefs";

type EmscriptenOptions = Parameters<NodeFS["init"]>[1];
type EmscriptenFs = NonNullable<EmscriptenOptions["FS"]>;

/** The parts of Emscripten's NODEFS that the fsync below needs (not in PGlite's public types). */
interface NodeFsInternals {
  stream_ops: { fsync?: (stream: { nfd?: number; node: unknown }) => number };
  realPath(node: unknown): string;
}

const EIO = 29;

/**
 * Emscripten's Node filesystem has no fsync: PostgreSQL's fsync() calls return at once and nothing
 * reaches the disk. This gives NODEFS a real one, so that with `fsync = on` a commit is on disk
 * before it returns and a checkpoint flushes the data files. It patches an Emscripten internal,
 * checked against PGlite 0.5 (decision 0003; tests/ops/durability.test.ts checks it is in place).
 */
function giveNodeFsARealFsync(fs: EmscriptenFs): void {
  const filesystems = (fs as unknown as { filesystems: { NODEFS: NodeFsInternals } }).filesystems;
  const nodefs = filesystems.NODEFS;
  const ErrnoError = (fs as unknown as { ErrnoError: new (errno: number) => Error }).ErrnoError;
  nodefs.stream_ops.fsync = (stream) => {
    try {
      if (stream.nfd !== undefined) fsyncSync(stream.nfd);
      else {
        // Directories are opened without a Node descriptor; PostgreSQL fsyncs them after creating
        // or renaming files (WAL segments), so that the new name itself survives a power cut.
        syncPath(nodefs.realPath(stream.node));
      }
      return 0;
    } catch {
      // PostgreSQL treats a failed fsync as fatal (data_sync_retry = off), as it should.
      throw new ErrnoError(EIO);
    }
  };
}

/** PGlite's Node filesystem, with fsync that reaches the disk (used when PGLITE_FSYNC=true). */
export class DurableNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS["init"]>) {
    const { emscriptenOpts } = await super.init(...args);
    const preRun = [
      ...(emscriptenOpts.preRun ?? []),
      (mod: { FS: EmscriptenFs }) => {
        giveNodeFsARealFsync(mod.FS);
      },
    ];
    return { emscriptenOpts: { ...emscriptenOpts, preRun } };
  }
}

/**
 * fsyncs every file and folder below `dir`. PGlite writes a new cluster (initdb) into the folder
 * outside PostgreSQL, so no checkpoint would ever flush those files: with PGLITE_FSYNC=true,
 * openPglite calls this once after creating a data folder.
 */
export function syncFolder(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) syncFolder(path);
    else if (entry.isFile()) syncPath(path);
  }
  syncPath(dir);
}

function syncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const heldHere = new Set<string>();

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Claims a PGlite data folder for this process. PGlite takes no lock of its own: a second process
 * opening the same folder (the CLI while the server runs) would corrupt it. The lock file holds
 * the owner's pid; a lock left by a process that is gone (kill -9, power cut) is taken over.
 * Returns the release function.
 */
export function lockDataFolder(dataDir: string): () => void {
  const dir = resolve(dataDir);
  const file = join(dir, "koers.lock");
  if (heldHere.has(dir)) throw new Error(`The data folder ${dir} is already open in this process.`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      heldHere.add(dir);
      return () => {
        heldHere.delete(dir);
        rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
      // Our own pid in a lock we do not hold is stale: in a container, Koers is often pid 1 each time.
      if (pid > 0 && pid !== process.pid && processIsAlive(pid))
        throw new Error(
          `The data folder ${dir} is in use by process ${pid} (stop Koers first). ` +
            `If no such process runs Koers, remove ${file}.`,
        );
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock the data folder ${dir}.`);
}
