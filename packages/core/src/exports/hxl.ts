import { csvRow, type Cell } from './csv.ts';

/**
 * HXL, the Humanitarian Exchange Language (hxlstandard.org, version 1.1): a row of
 * hashtags directly under a CSV's header row says what each column holds, so that tools
 * such as HDX and the HXL Proxy can read the file without knowing Truce.
 *
 * A hashtag is one from the HXL 1.1 dictionary (#date, #adm1, #geo, …); attributes
 * (+name, +code, +lat, +killed, …) refine it. Attributes are lower-case words; HXL lets a
 * data set add its own where the dictionary has none (+civilians, +combatants here).
 */

/** The hashtags of the HXL 1.1 dictionary that Truce's exports use. */
export const HXL_HASHTAGS = ['#adm1', '#adm2', '#affected', '#date', '#description', '#event', '#geo', '#loc', '#meta', '#org', '#status'] as const;

const TAG = /^#([a-z][a-z0-9_]*)((?:\+[a-z][a-z0-9_]*)*)$/;

/** A hashtag with its attributes, e.g. "#affected+killed+civilians"; null when it is not HXL. */
export function parseHxlTag(spec: string): { hashtag: string; attributes: string[] } | null {
  const m = TAG.exec(spec);
  if (!m) return null;
  return { hashtag: `#${m[1]}`, attributes: m[2] ? m[2].slice(1).split('+') : [] };
}

/** A column of a table export: its header, its HXL hashtag and how a record fills it. */
export interface Column<R> {
  header: string;
  hxl: string;
  value: (record: R) => Cell;
}

/** Checks a table's columns once, where they are defined: unique headers, HXL hashtags from the dictionary. */
export function defineColumns<R>(columns: Column<R>[]): Column<R>[] {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.header)) throw new Error(`column "${c.header}" twice`);
    seen.add(c.header);
    const tag = parseHxlTag(c.hxl);
    if (!tag || !(HXL_HASHTAGS as readonly string[]).includes(tag.hashtag)) throw new Error(`column "${c.header}": "${c.hxl}" is not an HXL 1.1 hashtag`);
  }
  return columns;
}

/** The header row, and with `hxl` the hashtag row under it. */
export function tableHead<R>(columns: readonly Column<R>[], hxl: boolean): string {
  return csvRow(columns.map((c) => c.header)) + (hxl ? csvRow(columns.map((c) => c.hxl)) : '');
}

/** One record as a CSV row in the columns' order. */
export function tableRow<R>(columns: readonly Column<R>[], record: R): string {
  return csvRow(columns.map((c) => c.value(record)));
}

/** Joins several values into one cell ("a; b"), empty when there are none. */
export const joined = (values: readonly (string | null | undefined)[]) => values.filter((v): v is string => !!v).join('; ') || null;
