import fs from 'node:fs';
import path from 'node:path';
import { commandArgs } from '../cli-args.ts';
import { mirrorOnce } from './mirror.ts';
import { lockMirror } from './mirror-lock.ts';

type Out = (line: string) => void;

/**
 * `truce mirror --url URL --dir D [--token T] [--key VKEY] [--policy FILE] [--watch [--every S]]`:
 * keeps a verified copy of a log in D (mirror.ts does one run, mirror-files.ts says what
 * is where). With --watch it runs again every S seconds (default 60) until stopped, and
 * stops at once, exit 1, if the log turns out inconsistent with the copy: a guarantor's
 * mirror must not quietly follow a rewritten history. Exit 0: mirrored; 1: failed or
 * refused; 2: usage.
 */
export async function runMirror(args: string[], out: Out = console.log, signal?: AbortSignal): Promise<number> {
  const values = commandArgs(
    'truce mirror',
    args,
    {
      url: { type: 'string' },
      dir: { type: 'string' },
      token: { type: 'string' },
      key: { type: 'string' },
      policy: { type: 'string' },
      watch: { type: 'boolean', default: false },
      every: { type: 'string' },
    },
    out,
  );
  if (!values) return 2;
  if (!values.url || !values.dir) {
    out(`truce mirror: give --url URL of the server and --dir DIR to keep the copy in${values.url ? ' (--dir is missing)' : ' (--url is missing)'}`);
    return 2;
  }
  try {
    new URL(values.url);
  } catch {
    out(`truce mirror: --url ${values.url} is not a URL (e.g. https://truce.example.org)`);
    return 2;
  }
  const every = values.every === undefined ? 60 : Number(values.every);
  if (values.every !== undefined && (!values.watch || !Number.isFinite(every) || every < 1)) {
    out('truce mirror: --every SECONDS (at least 1) goes with --watch');
    return 2;
  }
  let policy: string | undefined;
  if (values.policy !== undefined) {
    try {
      policy = fs.readFileSync(values.policy, 'utf8');
    } catch (err) {
      out(`truce mirror: cannot read the policy ${values.policy}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return 2;
    }
  }
  const options = { url: values.url, token: values.token ?? process.env.TRUCE_TOKEN, dir: path.resolve(values.dir), key: values.key, policy };
  const lock = lockMirror(options.dir);
  if ('heldBy' in lock) {
    out(`truce mirror: another truce mirror (process ${lock.heldBy}) is keeping ${options.dir}; wait for it to end, or stop it`);
    return 1;
  }
  try {
    for (;;) {
      const result = await mirrorOnce(options, out);
      if (!values.watch || result.refused) return result.code;
      // Once adopted, later runs use the policy now pinned in the mirror.
      if (result.code === 0) options.policy = undefined;
      const stopped = await sleep(every * 1000, signal);
      if (stopped) return result.code;
    }
  } finally {
    lock.release();
  }
}

/** Resolves true when aborted (the caller stops watching), false after the delay. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
