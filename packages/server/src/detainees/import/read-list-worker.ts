/**
 * The worker side of readListFileOffThread: reads the file it was given and posts back
 * the table, or the ListFileError's parts (an Error's class does not cross threads).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readListFile, ListFileError, type ReadListFileOptions } from './read-list-file.ts';

const { bytes, options } = workerData as { bytes: Uint8Array; options: ReadListFileOptions };
try {
  const table = await readListFile(bytes, options);
  parentPort!.postMessage({ table });
} catch (err) {
  if (err instanceof ListFileError)
    parentPort!.postMessage({ error: { code: err.code, message: err.message, row: err.row, line: err.line, column: err.column } });
  else parentPort!.postMessage({ failure: err instanceof Error ? err.message : String(err) });
}
