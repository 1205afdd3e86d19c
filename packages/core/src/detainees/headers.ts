/**
 * Which canonical column each header of an uploaded list file fills (C4).
 *
 * Parties' lists come with headers in English, Arabic, Russian, Turkish, Persian or
 * French, written with or without hamza, ta marbuta, diacritics, underscores or a BOM.
 * `suggestMapping` proposes a mapping for the upload screen — a remembered mapping
 * first, then a dictionary of known headers — and `checkMapping` says what keeps a
 * mapping (suggested or edited by the user) from being usable: a header mapped twice, no
 * `ref` column, no name column at all. Columns mapped to null are ignored.
 *
 * Pure functions, no I/O; the web app runs them too.
 */
import { AMBIGUOUS_NAME_HEADERS, HEADER_SYNONYMS } from './header-synonyms.ts';
import { CANONICAL_COLUMNS, type CanonicalColumn } from './person.ts';

/** File header (exactly as in the file) → the canonical column it fills, or null to ignore it. */
export type ColumnMapping = Record<string, CanonicalColumn | null>;

/** The columns that carry a name; a person needs at least one of them. */
export const NAME_COLUMNS = [
  'full_name',
  'given_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
] as const satisfies readonly CanonicalColumn[];

/** The name parts (every name column but full_name). */
const NAME_PARTS: readonly CanonicalColumn[] = NAME_COLUMNS.filter((c) => c !== 'full_name');

export type HeaderProblemCode =
  | 'duplicate_header' // two columns of the file have the same header
  | 'duplicate_target' // two headers fill the same canonical column
  | 'unknown_header' // the mapping names a header the file does not have
  | 'unknown_column' // the mapping names a column that is not canonical
  | 'missing_ref'
  | 'missing_name';

/** Something that keeps a mapping from being used. */
export interface HeaderProblem {
  code: HeaderProblemCode;
  /** The file headers concerned, as written in the file (empty for a missing column). */
  headers: string[];
  column?: CanonicalColumn;
  message: string;
}

export interface MappingSuggestion {
  mapping: ColumnMapping;
  /** Headers that nothing fits (mapped to null): a warning that they will be ignored unless the user maps them. */
  unmapped: string[];
  /** What keeps the suggested mapping from being used as it is (checkMapping). */
  problems: HeaderProblem[];
  /** True when there are no problems. */
  ok: boolean;
}

/**
 * A header reduced to what distinguishes it: Unicode-compatible form, no BOM, bidi or
 * zero-width marks, no diacritics (so أ/إ/آ become ا and é becomes e), ة→ه, ى→ي,
 * Persian ی/ک as Arabic ي/ك, lower case, punctuation and underscores as single spaces.
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\uFEFF\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\u0640]/g, '')
    .replace(/\p{M}/gu, '')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .replace(/ی/g, 'ي')
    .replace(/ک/g, 'ك')
    .toLowerCase()
    .replace(/[\s_\-.,:;/\\|'"`’‘()[\]{}*?!]+/gu, ' ')
    .trim();
}

/**
 * Headers that mean the given name next to other name columns but the whole name when
 * they stand alone (header-synonyms.ts), normalised.
 */
const AMBIGUOUS_NAME = new Set(AMBIGUOUS_NAME_HEADERS.map(headerKey));

/** Every known header (headerKey form) → its column, built once when the module loads from the lists in header-synonyms.ts. */
const DICTIONARY: ReadonlyMap<string, CanonicalColumn> = (() => {
  const map = new Map<string, CanonicalColumn>();
  for (const column of CANONICAL_COLUMNS) {
    for (const variant of [column, ...HEADER_SYNONYMS[column]]) {
      const key = headerKey(variant);
      const before = map.get(key);
      if (before !== undefined && before !== column) throw new Error(`header "${variant}" listed for both ${before} and ${column}`);
      map.set(key, column);
    }
  }
  return map;
})();

/** The dictionary's column for a header, trying it also without a bracketed part ("Name (Arabic)"). */
function known(header: string): CanonicalColumn | 'ambiguous_name' | null {
  const candidates = [header, header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')];
  for (const candidate of candidates) {
    const key = headerKey(candidate);
    if (key === '') continue;
    const hit = DICTIONARY.get(key);
    if (hit !== undefined) return hit;
    if (AMBIGUOUS_NAME.has(key)) return 'ambiguous_name';
  }
  return null;
}

const isCanonical = (value: unknown): value is CanonicalColumn => typeof value === 'string' && (CANONICAL_COLUMNS as readonly string[]).includes(value);

/**
 * A proposed mapping for a file's headers. A remembered mapping (the one this party
 * confirmed last time) wins for the headers it names, matched exactly or by headerKey;
 * the dictionary fills the rest. "Name" / "الاسم" is the given name when another column
 * holds a name part or the full name, else the full name. Every header of the file is a
 * key of the result; headers nothing fits map to null and are listed as unmapped.
 */
export function suggestMapping(headers: readonly string[], remembered: ColumnMapping = {}): MappingSuggestion {
  const rememberedByKey = new Map<string, CanonicalColumn | null>();
  for (const [header, column] of Object.entries(remembered)) {
    if (column === null || isCanonical(column)) rememberedByKey.set(headerKey(header), column);
  }
  const mapping: ColumnMapping = {};
  const ambiguous: string[] = [];
  for (const header of headers) {
    if (Object.hasOwn(mapping, header)) continue; // a duplicate header; checkMapping reports it
    const fromMemory = Object.hasOwn(remembered, header) ? remembered[header] : rememberedByKey.get(headerKey(header));
    if (fromMemory !== undefined && (fromMemory === null || isCanonical(fromMemory))) {
      mapping[header] = fromMemory;
      continue;
    }
    const hit = known(header);
    if (hit === 'ambiguous_name') {
      ambiguous.push(header);
      mapping[header] = null;
    } else {
      mapping[header] = hit;
    }
  }
  if (ambiguous.length > 0) {
    const taken = new Set(Object.values(mapping));
    const hasOtherName = NAME_COLUMNS.some((c) => taken.has(c));
    // One ambiguous header: given name beside other name columns, else the full name.
    // Several ("Name", "Name" in two scripts): leave them to the user.
    if (ambiguous.length === 1) {
      const target: CanonicalColumn = hasOtherName ? 'given_name' : 'full_name';
      if (!taken.has(target)) mapping[ambiguous[0]] = target;
    } else if (!hasOtherName) {
      mapping[ambiguous[0]] = 'full_name';
    }
  }
  const unmapped = headers.filter((h, i) => mapping[h] === null && headers.indexOf(h) === i);
  const problems = checkMapping(headers, mapping);
  return { mapping, unmapped, problems, ok: problems.length === 0 };
}

const quote = (header: string) => (header === '' ? '(empty header)' : `"${header}"`);

/**
 * What keeps a mapping from being used for these headers: a header repeated in the file
 * (when mapped), two headers filling one column, no ref column, no name column, a mapping
 * that names headers or columns that do not exist. Empty when the mapping is usable;
 * headers mapped to null or left out are simply ignored.
 */
export function checkMapping(headers: readonly string[], mapping: ColumnMapping): HeaderProblem[] {
  const problems: HeaderProblem[] = [];
  const seen = new Map<string, number>();
  headers.forEach((header, i) => {
    const first = seen.get(header);
    if (first === undefined) {
      seen.set(header, i);
    } else if (header.trim() !== '' && mapping[header] !== null && mapping[header] !== undefined) {
      problems.push({
        code: 'duplicate_header',
        headers: [header],
        message: `Columns ${first + 1} and ${i + 1} both have the header ${quote(header)}; rename one of them in the file.`,
      });
    }
  });
  for (const [header, column] of Object.entries(mapping)) {
    if (!seen.has(header)) {
      problems.push({ code: 'unknown_header', headers: [header], message: `The file has no column headed ${quote(header)}.` });
    } else if (column !== null && !isCanonical(column)) {
      problems.push({
        code: 'unknown_column',
        headers: [header],
        message: `${quote(header)} is mapped to "${String(column)}", which is not one of the columns ${CANONICAL_COLUMNS.join(', ')}.`,
      });
    }
  }
  const byTarget = new Map<CanonicalColumn, string[]>();
  for (const header of seen.keys()) {
    const column = mapping[header];
    if (column === null || column === undefined || !isCanonical(column)) continue;
    byTarget.set(column, [...(byTarget.get(column) ?? []), header]);
  }
  for (const [column, mapped] of byTarget) {
    if (mapped.length > 1) {
      problems.push({
        code: 'duplicate_target',
        headers: mapped,
        column,
        message: `The columns ${mapped.map(quote).join(' and ')} are all mapped to ${column}; map only one of them and ignore the others.`,
      });
    }
  }
  if (!byTarget.has('ref')) {
    problems.push({
      code: 'missing_ref',
      headers: [],
      column: 'ref',
      message:
        "No column is mapped to ref, the list's own reference for each person (a number or code unique in the list). Add such a column or map an existing one.",
    });
  }
  if (!NAME_COLUMNS.some((c) => byTarget.has(c))) {
    problems.push({
      code: 'missing_name',
      headers: [],
      column: 'full_name',
      message: `No column is mapped to a name: map full_name or at least one of ${NAME_PARTS.join(', ')}.`,
    });
  }
  return problems;
}
