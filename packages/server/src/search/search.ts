import type { Kysely } from 'kysely';
import { can } from '@truce/core/policy/policy';
import type { ReportContent } from '@truce/core/reports/model';
import { searchWords } from '@truce/core/search/fold';
import { snippetOf, type Terms } from '@truce/core/search/highlight';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { badRequest } from '../errors/index.ts';
import { incidentScope, incidentsStore } from '../incidents/index.ts';
import { viewMeeting } from '../meetings/index.ts';
import { readScopeFor, scopeOf, type Areas } from '../reports/index.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { SEARCH_KINDS, type SearchHit, type SearchKind, type SearchQuery, type SearchResults } from './schema.ts';
import * as store from './store.ts';

type Db = Kysely<Database>;
const iso = (d: Date | string) => new Date(d).toISOString();

/** The words of a search that count: the first eight, each at most 60 characters. */
const MAX_WORDS = 8;
/** Words this long or longer are also searched as beginnings of words, and for look-alikes. */
const PREFIX_MIN = 3;
/** Look-alike indexed words tried for each word typed (typos). */
const SIMILAR_PER_WORD = 3;
const ARABIC = /^[\u0600-\u06ff]/;

type Ranked = SearchHit & { rank: number };

/**
 * Reports, incidents, meetings and decisions whose words match the search, that this
 * reader may see (items it may not see are absent, never refused), best first, one page
 * of at most `limit`, with how many there are in all. Reads only. Throws a 400 naming the
 * parameter for a search without a word, and for a cursor this search did not give.
 *
 * A word matches the same word however it is spelt (fold.ts), as the beginning of a
 * longer word, with or without the Arabic article, and as the indexed words that look
 * like it (one or two letters off). Every word must match.
 */
export async function search(db: Db, auth: Auth, query: SearchQuery): Promise<SearchResults> {
  const words = [...new Set(searchWords(query.q).map((w) => w.slice(0, 60)))].slice(0, MAX_WORDS);
  if (words.length === 0) {
    const message = 'has no word to search for: give letters or digits';
    throw badRequest(`The request is not valid: /query/q ${message}.`, [{ path: '/query/q', message }], 'validation_failed');
  }
  const kinds = new Set<SearchKind>(query.kinds ? (query.kinds.split(',') as SearchKind[]) : SEARCH_KINDS);
  // Meetings and decisions have no place, type or accused party: such a filter leaves them out.
  if (query.governorate || query.type || query.allegedParty) {
    kinds.delete('meeting');
    kinds.delete('decision');
  }
  const limit = Math.min(Number(query.limit ?? 20), 50);
  const signature = JSON.stringify([words, [...kinds].sort(), query.from, query.to, query.governorate, query.type, query.allegedParty, limit]);
  const offset = query.cursor === undefined ? 0 : decodeCursor(query.cursor, signature, store.CANDIDATES);
  const need = offset + limit + 1;

  const similar = await store.similarWords(
    db,
    words.filter((w) => w.length >= PREFIX_MIN),
    SIMILAR_PER_WORD,
  );
  const terms: Terms = { words: [], prefixes: [] };
  const groups = words.map((w) => {
    const starts = w.length >= PREFIX_MIN ? [w] : [];
    // The Arabic article is written joined to its word: "النعمان" and "نعمان" are one name.
    if (ARABIC.test(w) && w.length >= PREFIX_MIN) starts.push(w.startsWith('ال') && w.length > 4 ? w.slice(2) : `ال${w}`);
    const exact = [w, ...(similar.get(w) ?? [])];
    terms.words.push(...exact);
    terms.prefixes.push(...starts);
    return `(${[...exact.map((x) => `'${x}'`), ...starts.map((x) => `'${x}':*`)].join(' | ')})`;
  });
  const tsquery = groups.join(' & ');

  const actor = auth.actor;
  const filter: store.ReportFilter = { ...pick(query), scope: readScopeFor(actor) };
  const period = { from: query.from, to: query.to };
  const found: Ranked[] = [];
  let total = 0;

  if (kinds.has('report')) {
    const [hits, n] = await Promise.all([store.searchReports(db, tsquery, filter, need), store.countReports(db, tsquery, filter)]);
    total += n;
    // The SQL scope and the policy must agree; the policy has the last word.
    for (const h of hits) if (can(actor, 'report.read', scopeOf(h))) found.push({ ...reportHit(auth, h, terms), kind: 'report', id: h.id });
  }

  if (kinds.has('incident')) {
    const [hits, n] = await Promise.all([store.searchIncidents(db, tsquery, filter, need), store.countIncidents(db, tsquery, filter)]);
    total += n;
    const ids = hits.map((h) => h.incident_id);
    const [members, findings] = await Promise.all([incidentsStore.memberReports(db, ids), incidentsStore.findings(db, ids)]);
    for (const h of hits) {
      const mine = members.filter((m) => m.incident_id === h.incident_id);
      const stands = findings.some((f) => f.incident_id === h.incident_id && f.round === h.round && f.reopened_at === null);
      if (!can(actor, 'incident.read', incidentScope(mine, stands)) || !can(actor, 'report.read', scopeOf(h))) continue;
      found.push({
        ...reportHit(auth, h, terms),
        kind: 'incident',
        id: h.incident_id,
        typeCodes: [...new Set(mine.map((m) => m.type_code))],
        date: iso(mine[0]?.occurred_at ?? h.occurred_at),
      });
    }
  }

  // Meetings and decisions: the meetings module says what this reader sees of each meeting.
  const meetings = new Map<string, Promise<Awaited<ReturnType<typeof viewMeeting>> | null>>();
  const seen = (id: string) => {
    let m = meetings.get(id);
    if (!m) {
      m = viewMeeting(db, auth, id).catch(() => null);
      meetings.set(id, m);
    }
    return m;
  };
  if (kinds.has('meeting')) {
    for (const m of await store.searchMeetings(db, tsquery, period)) {
      if (!(await seen(m.id))) continue;
      total++;
      const snippet = snippetOf(`${m.title} — ${m.venue}`, terms);
      found.push({ kind: 'meeting', id: m.id, title: m.title, snippet, date: iso(m.starts_at), rank: Number(m.rank) });
    }
  }
  if (kinds.has('decision')) {
    for (const d of await store.searchDecisions(db, tsquery, period)) {
      const meeting = await seen(d.meeting_id);
      if (!meeting?.decisions.some((x) => x.id === d.id)) continue;
      total++;
      found.push({
        kind: 'decision',
        id: d.id,
        meetingId: d.meeting_id,
        title: `${d.title} — ${d.number}`,
        snippet: snippetOf(d.text, terms),
        date: iso(d.starts_at),
        rank: Number(d.rank),
      });
    }
  }

  found.sort((a, b) => b.rank - a.rank || b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
  const items = found.slice(offset, offset + limit).map(({ rank: _rank, ...hit }) => hit);
  const more = found.length > offset + limit && offset + limit < store.CANDIDATES;
  return { total, items, next: more ? encodeCursor(offset + limit, signature) : null };
}

function pick(q: SearchQuery) {
  return { from: q.from, to: q.to, type: q.type, allegedParty: q.allegedParty, governorate: q.governorate };
}

/** A report as a hit: its description's matching piece, and its place as this reader may see it. */
function reportHit(auth: Auth, h: store.ReportHit, terms: Terms): Omit<Ranked, 'kind' | 'id'> {
  const content = h.content as ReportContent;
  const areas = h.areas as Areas;
  const sealedVisible = can(auth.actor, 'report.read.sealed', scopeOf(h));
  const place = content.sealLocation && !sealedVisible ? areas.adm2?.nameAr : (content.location.placeName ?? areas.adm2?.nameAr);
  return {
    title: firstWords(content.description, 90),
    snippet: snippetOf(content.description, terms),
    date: iso(h.occurred_at),
    typeCodes: [h.type_code],
    ...(place ? { place } : {}),
    withdrawn: h.withdrawn_at !== null,
    rank: Number(h.rank),
  };
}

function firstWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${text.slice(0, cut > max / 2 ? cut : max)} …`;
}
