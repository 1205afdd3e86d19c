/**
 * Reads an uploaded list file on its own thread. A 100,000-row workbook takes seconds and
 * most of a gigabyte to unpack; on the request thread it would stall every other user
 * for that long. The thread's heap is capped and its time bounded, so a file built to
 * exhaust the server (a zip bomb) costs that thread alone and gets a clear refusal.
 */
import { Worker } from 'node:worker_threads';
import { ListFileError, type ListFile, type ListFileErrorCode } from './table.ts';
import type { ReadListFileOptions } from './read-list-file.ts';

/** Heap of the reading thread, in MB: a 100,000-row workbook needs about 800. */
export const READ_HEAP_MB = 1536;
/** A file not read in this time is refused. */
export const READ_TIME_LIMIT_MS = 120_000;

type Reply = { table: ListFile } | { error: { code: ListFileErrorCode; message: string; row?: number; line?: number; column?: string } } | { failure: string };

export function readListFileOffThread(bytes: Uint8Array, options: ReadListFileOptions = {}): Promise<ListFile> {
  // A copy the thread can own: the caller's Buffer may be a slice of a shared pool.
  const own = new Uint8Array(bytes.byteLength);
  own.set(bytes);
  return new Promise<ListFile>((resolve, reject) => {
    const worker = new Worker(new URL('./read-list-worker.mjs', import.meta.url), {
      workerData: { bytes: own, options },
      transferList: [own.buffer],
      resourceLimits: { maxOldGenerationSizeMb: READ_HEAP_MB },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new ListFileError(
              'too_large',
              `The file could not be read within ${READ_TIME_LIMIT_MS / 1000} seconds. Split it into smaller files or save it as CSV.`,
            ),
          ),
        ),
      READ_TIME_LIMIT_MS,
    );
    worker.once('message', (reply: Reply) =>
      settle(() => {
        if ('table' in reply) resolve(reply.table);
        else if ('error' in reply) reject(new ListFileError(reply.error.code, reply.error.message, reply.error));
        else reject(new Error(`Reading the list file failed: ${reply.failure}`));
      }),
    );
    worker.once('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ListFileError(
                'too_large',
                'The file needs more memory to read than this server allows for one file. Split it into smaller files or save it as CSV.',
              )
            : err,
        ),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`The list file reader stopped (exit code ${code}) before answering.`))));
  });
}
