import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { toCsv } from '@truce/core/dashboard/csv';
import type { PersonRecord } from '@truce/core/detainees/person';
import { suggestMapping } from '@truce/core/detainees/headers';
import { validateRows } from '@truce/core/detainees/validate-rows';
import { explanationText, THRESHOLDS } from '@truce/core/matching/index';
import { readListFileFromPath, ListFileError } from '../detainees/index.ts';
import { loadLexicon } from './lexicon-file.ts';
import { runMatchJob } from './parallel.ts';

/**
 * `truce match`: the matcher for batch use, without a server.
 *
 *   truce match --sought A.csv --held B.csv --out pairs.csv [--top K] [--min-score S]
 *   truce match --dedupe L.csv --out pairs.csv [--top K] [--min-score S]
 *
 * Reads lists in the canonical format (CSV or XLSX; other headers are mapped as the
 * upload screen would suggest) and writes, for each sought person, its best K candidates
 * (default 5) scoring at least S (default: the review threshold), best first:
 * sought_ref,held_ref,score,band,explanation. With --dedupe, pairs within one list.
 */
export const MATCH_USAGE = `usage:
  truce match --sought SOUGHT.csv --held HELD.csv --out PAIRS.csv [--top K] [--min-score S] [--workers N]
  truce match --dedupe LIST.csv --out PAIRS.csv [--top K] [--min-score S] [--workers N]`;

export async function runMatchCommand(args: string[], out: (line: string) => void = console.error): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        sought: { type: 'string' },
        held: { type: 'string' },
        dedupe: { type: 'string' },
        out: { type: 'string' },
        top: { type: 'string', default: '5' },
        'min-score': { type: 'string' },
        workers: { type: 'string', default: '2' },
      },
      strict: true,
    }));
  } catch (err) {
    out(`truce match: ${(err as Error).message}\n${MATCH_USAGE}`);
    return 2;
  }
  const dedupe = values.dedupe !== undefined;
  if (!values.out || (dedupe ? values.sought || values.held : !values.sought || !values.held)) {
    out(`truce match: give --sought and --held, or --dedupe, and --out\n${MATCH_USAGE}`);
    return 2;
  }
  const top = Number(values.top);
  const minScore = values['min-score'] === undefined ? THRESHOLDS.review : Number(values['min-score']);
  const workers = Number(values.workers);
  if (!Number.isInteger(top) || top < 1 || top > 1000) return usage(out, '--top must be a whole number from 1 to 1000');
  if (!Number.isFinite(minScore) || minScore < 0 || minScore > 1) return usage(out, '--min-score must be a number from 0 to 1');
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) return usage(out, '--workers must be a whole number from 1 to 64');

  try {
    const started = performance.now();
    const [sought, held] = dedupe ? [await readList(values.dedupe!), null] : await Promise.all([readList(values.sought!), readList(values.held!)]);
    const job = held ? ({ kind: 'match', sought, held } as const) : ({ kind: 'dedupe', list: sought } as const);
    const result = await runMatchJob(job, { workers, lexicon: loadLexicon(), top, minScore });
    const rows = result.candidates.map((c) => [c.soughtRef, c.heldRef, c.score.toFixed(4), c.band, explanationText(c)]);
    fs.writeFileSync(values.out, toCsv(['sought_ref', 'held_ref', 'score', 'band', 'explanation'], rows));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const links = result.candidates.filter((c) => c.band === 'link').length;
    out(
      `truce match: ${sought.length} ${dedupe ? 'persons' : `sought × ${held!.length} held`}: ${result.candidates.length} candidate pairs (${links} link, ${result.candidates.length - links} review) written to ${values.out} in ${seconds} s`,
    );
    return 0;
  } catch (err) {
    out(`truce match: ${(err as Error).message}`);
    return 1;
  }
}

function usage(out: (line: string) => void, message: string): number {
  out(`truce match: ${message}\n${MATCH_USAGE}`);
  return 2;
}

/** A list file read and checked as an upload is; any error names the file, row and column. */
async function readList(path: string): Promise<PersonRecord[]> {
  let table;
  try {
    table = await readListFileFromPath(path, { maxRows: 1_000_000 });
  } catch (err) {
    if (err instanceof ListFileError) throw new Error(`${path}: ${err.message}`);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${path}: no such file`);
    throw err;
  }
  const suggestion = suggestMapping(table.headers);
  if (suggestion.problems.length > 0) throw new Error(`${path}: ${suggestion.problems[0].message}`);
  const checked = validateRows(table.headers, table.rows, suggestion.mapping, { maxRows: 1_000_000 });
  if (checked.errorCount > 0) {
    const first = checked.errors.slice(0, 5).map((e) => `  row ${e.row}, column "${e.column}": ${e.message}`);
    throw new Error(`${path}: ${checked.errorCount} error(s); nothing was matched:\n${first.join('\n')}${checked.errorCount > 5 ? '\n  …' : ''}`);
  }
  return checked.records;
}
