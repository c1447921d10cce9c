import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export class DataDirLocked extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database at ${dataDir} is in use by another Contour process (pid ${pid}). ` +
        'PGlite allows one process per data folder: stop that process first ' +
        '(or point PGLITE_DATA_DIR elsewhere, or set DATABASE_URL to use a PostgreSQL server).',
    );
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * An exclusive, crash-tolerant lock on a PGlite data folder. PGlite corrupts a folder that two
 * processes open, so the lock file beside it names the owning pid; a lock whose process is gone
 * (the owner was SIGKILLed) is stale and taken over, and so is Postgres's own postmaster.pid,
 * which only the lock owner could have left behind.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  const lockPath = `${dir}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      rmSync(join(dir, 'postmaster.pid'), { force: true });
      const release = (): void => {
        if (ownerOf(lockPath) === process.pid) rmSync(lockPath, { force: true });
      };
      process.once('exit', release);
      return {
        release: () => {
          process.removeListener('exit', release);
          release();
        },
      };
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    const owner = ownerOf(lockPath);
    if (owner !== undefined && owner !== process.pid && isLiveNodeProcess(owner)) {
      throw new DataDirLocked(dir, owner);
    }
    takeOverStaleLock(lockPath, owner);
  }
  throw new Error(`Could not lock ${dir}: the lock file keeps changing hands`);
}

function takeOverStaleLock(lockPath: string, stalePid: number | undefined): void {
  // Move the stale file aside atomically; if another process replaced it meanwhile with a live
  // lock of its own, put that one back.
  const aside = `${lockPath}.stale-${process.pid}`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    throw error;
  }
  const moved = readPid(aside);
  if (
    moved !== stalePid &&
    moved !== undefined &&
    isLiveNodeProcess(moved) &&
    !existsSync(lockPath)
  ) {
    renameSync(aside, lockPath);
    return;
  }
  rmSync(aside, { force: true });
}

function ownerOf(lockPath: string): number | undefined {
  return readPid(lockPath);
}

function readPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isLiveNodeProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (!isErrno(error, 'EPERM')) return false;
  }
  // A recycled pid that now belongs to some other program does not hold the folder.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
