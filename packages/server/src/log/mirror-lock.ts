import fs from 'node:fs';
import path from 'node:path';

/**
 * One `truce mirror` at a time per directory: two runs adopting checkpoints into the same
 * files would each believe what the other half-wrote. The lock is a file holding the
 * process id, made with O_EXCL; a lock left by a process that is gone is taken over.
 * Returns a release function, or the pid of the live process that holds the mirror.
 */
export function lockMirror(dir: string): { release: () => void } | { heldBy: number } {
  const created = !fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '.mirror.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      return {
        release: () => {
          fs.rmSync(file, { force: true });
          // A mirror that could not even start leaves no empty directory behind.
          if (created && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) return { heldBy: pid };
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`cannot lock ${dir}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
