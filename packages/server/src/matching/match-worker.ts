/**
 * The matching worker thread: prepares lists and runs slices of a match for parallel.ts,
 * keeping the request thread free. One Matcher per loaded match, reused for every slice.
 */
import { parentPort } from 'node:worker_threads';
import { Matcher, prepareList, type Lexicon, type MatchOptions, type PreparedList } from '@truce/core/matching/index';
import type { PersonRecord } from '@truce/core/detainees/person';

export type WorkerRequest =
  | { id: number; op: 'prepare'; records: PersonRecord[]; lexicon?: Lexicon }
  | { id: number; op: 'load'; sought: PreparedList; held: PreparedList | null }
  | { id: number; op: 'run'; opts: MatchOptions };

let matcher: Matcher | null = null;

parentPort!.on('message', (req: WorkerRequest) => {
  try {
    if (req.op === 'prepare') {
      parentPort!.postMessage({ id: req.id, ok: true, value: prepareList(req.records, req.lexicon) });
    } else if (req.op === 'load') {
      matcher = new Matcher(req.sought, req.held ?? req.sought, req.held === null);
      parentPort!.postMessage({ id: req.id, ok: true, value: null });
    } else if (req.op === 'run') {
      if (!matcher) throw new Error('no match loaded');
      parentPort!.postMessage({ id: req.id, ok: true, value: matcher.run(req.opts) });
    }
  } catch (e) {
    parentPort!.postMessage({ id: req.id, ok: false, error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
  }
});
