import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalJson, commitment, toBase64 } from '@truce/core/log/index';
import type { PersonRecord } from '@truce/core/detainees/person';
import type { AuditCheck, AuditEnv } from './check.ts';
import { compareWithEntry, differs } from './compare.ts';
import { entriesOfTypes, type LoggedEntry } from './entries.ts';
import type { Mismatch } from './mismatch.ts';

const PAGE = 5000;

interface PersonRow {
  id: number;
  ref: string;
  /** The ref inside the record: what the log committed to (the column is only its copy for lookups). */
  recordRef: string;
  canon: string;
  from: number;
  to: number | null;
}

export const miss = (kind: string, id: string, field: string, logIndex: number | null, message: string): Mismatch[] => [{ kind, id, field, logIndex, message }];

/** Whether a sealed field of an entry opens with this value (undefined: the entry holds no commitment to it). */
export function opens(entry: LoggedEntry, field: string, value: unknown): boolean | undefined {
  const salt = entry.salts.get(field);
  if (!salt || entry.commitments[field] === undefined) return undefined;
  return commitment(salt, value) === entry.commitments[field];
}

/**
 * The commitment to an array, from its elements' canonical JSON (RFC 8785 joins them with
 * commas in brackets), hashed as a stream: a list of 100,000 persons is never one string.
 */
function opensArray(entry: LoggedEntry, field: string, canons: string[]): boolean | undefined {
  const salt = entry.salts.get(field);
  if (!salt || entry.commitments[field] === undefined) return undefined;
  const h = createHash('sha256').update(salt).update('[');
  canons.forEach((c, i) => {
    h.update(i === 0 ? c : `,${c}`);
  });
  return `sha256:${toBase64(new Uint8Array(h.update(']').digest()))}` === entry.commitments[field];
}

/** A list's person rows of every version, page by page, each with its record's canonical JSON. */
async function personRows(db: AuditEnv['db'], listId: string): Promise<PersonRow[]> {
  const out: PersonRow[] = [];
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('detainee_persons')
      .select(['id', 'ref', 'record', 'from_version', 'to_version'])
      .where('list_id', '=', listId)
      .where('id', '>', String(after))
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const p of page)
      out.push({
        id: Number(p.id),
        ref: p.ref,
        recordRef: String((p.record as PersonRecord).ref ?? ''),
        canon: canonicalJson(p.record),
        from: p.from_version,
        to: p.to_version,
      });
    if (page.length < PAGE) return out;
    after = Number(page[page.length - 1].id);
  }
}

/**
 * What the rows say about version n: its persons, the counts its entry recorded, and the
 * persons in the orders the entry may have hashed them. writeNewVersion commits to `next`:
 * for a form, the previous version's rows by id (store.personsAt) with a changed person in
 * its old place and a new one last; for an upload, the file's order, which is stored only
 * when every person is new (then the rows were inserted in that order). Ref order is tried
 * too (files sorted by reference, as the demo's are): any order that opens proves the content.
 */
function versionFacts(rows: PersonRow[], n: number, source: string) {
  const at = rows.filter((r) => r.from <= n && (r.to === null || r.to > n));
  const closed = new Map(rows.filter((r) => r.to === n).map((r) => [r.recordRef, r.id]));
  const opened = at.filter((r) => r.from === n);
  const openedRefs = new Set(opened.map((r) => r.recordRef));
  const changed = opened.filter((r) => closed.has(r.recordRef)).length;
  const counts = { persons: at.length, added: opened.length - changed, removed: [...closed.keys()].filter((ref) => !openedRefs.has(ref)).length, changed };
  const place = (r: PersonRow) => (r.from === n ? (closed.get(r.recordRef) ?? r.id) : r.id);
  const inPlace = () => [...at].sort((a, b) => place(a) - place(b));
  const byRef = () => [...at].sort((a, b) => (a.recordRef < b.recordRef ? -1 : a.recordRef > b.recordRef ? 1 : 0));
  const determined = source === 'form' || (opened.length === at.length && changed === 0);
  return { counts, orders: [inPlace, byRef], determined };
}

/**
 * Detainee lists (C4): each list's header, each version's row and the persons valid at it
 * against the `detainees.list.version` entry that wrote it (public counts, and the persons
 * through their salted commitment), and each person row's copy of its ref. The log commits
 * to a version's persons as one hash, so a changed person is named by its version, not by
 * its row; a version whose order cannot be recovered is counted, not guessed.
 */
export const detaineeListsCheck: AuditCheck = {
  name: 'detainee-lists',
  async run({ db }, found) {
    const byList = new Map<string, Map<number, LoggedEntry>>();
    for (const e of await entriesOfTypes(db, ['detainees.list.version'])) {
      const m = byList.get(e.subject.list) ?? new Map<number, LoggedEntry>();
      m.set(Number(e.data.version), e);
      byList.set(e.subject.list, m);
    }
    const counts = { detainee_list: 0, detainee_list_version: 0, detainee_person: 0, detainee_list_version_unopened: 0 };
    const lists = await db.selectFrom('detainee_lists').selectAll().orderBy('id').execute();
    for (const list of lists) {
      counts.detainee_list++;
      const entries = byList.get(list.id) ?? new Map<number, LoggedEntry>();
      byList.delete(list.id);
      const latest = [...entries.values()].sort((a, b) => Number(b.data.version) - Number(a.data.version))[0];
      const at = latest?.idx ?? null;
      found(differs('detainee_list', list.id, 'current_version', list.current_version, latest?.data.version ?? 0, at));
      found(differs('detainee_list', list.id, 'person_count', list.person_count, latest?.data.persons ?? 0, at));
      if (latest)
        found([
          ...differs('detainee_list', list.id, 'party_id', list.party_id, latest.data.party, at),
          ...differs('detainee_list', list.id, 'kind', list.kind, latest.data.kind, at),
        ]);

      const rows = await personRows(db, list.id);
      const versions = await db.selectFrom('detainee_list_versions').selectAll().where('list_id', '=', list.id).execute();
      const numbers = [...new Set([...versions.map((v) => v.version), ...entries.keys()])].sort((a, b) => a - b);
      for (const n of numbers) {
        const id = `${list.id}/v${n}`;
        const row = versions.find((v) => v.version === n);
        const entry = entries.get(n);
        if (!row) {
          found(miss('detainee_list_version', id, '*', entry!.idx, `log entry ${entry!.idx} recorded this version, but it is not stored`));
        } else {
          counts.detainee_list_version++;
          found(
            compareWithEntry('detainee_list_version', id, entry, {
              data: { version: n, persons: row.person_count, added: row.added, removed: row.removed, changed: row.changed, fileSha256: row.file_sha256 },
            }),
          );
          if (entry) found(differs('detainee_list_version', id, 'created_by', row.created_by, entry.actor?.user, entry.idx));
        }
        if (!entry) continue;
        const facts = versionFacts(rows, n, row?.source ?? 'upload');
        // Entries that say so committed their persons in ref order: that order alone is right.
        if (entry.data.personsOrder === 'ref') {
          facts.orders = [facts.orders[1]];
          facts.determined = true;
        }
        const { persons, added, removed, changed } = entry.data;
        found(differs('detainee_list_version', id, 'person_rows', facts.counts, { persons, added, removed, changed }, entry.idx));
        // Orders are sorted and hashed only until one opens: a long list is hashed once per version.
        const tryOrder = (k: number) =>
          opensArray(
            entry,
            'persons',
            facts.orders[k]().map((r) => r.canon),
          );
        const first = tryOrder(0);
        if (first === undefined)
          found(miss('detainee_list_version', id, 'persons', entry.idx, `log entry ${entry.idx} holds no commitment to persons that can be opened`));
        else if (first || (facts.orders.length > 1 && tryOrder(1))) continue;
        else if (facts.determined)
          found(
            miss(
              'detainee_list_version',
              id,
              'persons',
              entry.idx,
              `the persons stored for this version do not match the commitment in log entry ${entry.idx}`,
            ),
          );
        else counts.detainee_list_version_unopened++;
      }
      for (const r of rows) {
        counts.detainee_person++;
        const at = entries.get(r.from)?.idx ?? null;
        found(differs('detainee_person', String(r.id), 'ref', r.ref, r.recordRef, at));
        if (r.from > list.current_version)
          found(miss('detainee_person', String(r.id), 'from_version', at, `the row starts at version ${r.from}, after the list's current version`));
        if (r.to !== null && r.to > list.current_version)
          found(miss('detainee_person', String(r.id), 'to_version', at, `the row ends at version ${r.to}, after the list's current version`));
      }
    }
    for (const [list, entries] of byList) {
      const first = [...entries.values()][0];
      found(miss('detainee_list', list, '*', first.idx, `log entry ${first.idx} wrote a version of this list, but the list is not stored`));
    }
    return counts;
  },
};

type DecisionRow = { sought_list_id: string; sought_ref: string; held_list_id: string; held_ref: string; version: number };
const pairOf = (soughtList: unknown, heldList: unknown) => `${soughtList}/${heldList}`;
const refsOpen = (e: LoggedEntry, r: { sought_ref: string; held_ref: string }) =>
  opens(e, 'soughtRef', r.sought_ref) === true && opens(e, 'heldRef', r.held_ref) === true;

/**
 * Matching (C5): each reviewer's decision on a pair of persons against the latest
 * `detainees.*.decided` entry for that pair (found by opening its sealed refs; decision,
 * score and version are public, the note sealed), and each finished run against its
 * `detainees.match.run` entry (versions, figures, how many candidates it kept).
 */
export const matchingCheck: AuditCheck = {
  name: 'matching',
  async run({ db }, found) {
    const decided = await entriesOfTypes(db, ['detainees.match.decided', 'detainees.duplicate.decided']);
    // Entries bucketed by what is public, so a pair's refs are opened against few entries.
    const byExact = new Map<string, LoggedEntry[]>();
    const byPair = new Map<string, LoggedEntry[]>();
    for (const e of decided) {
      const pair = pairOf(e.subject.soughtList, e.subject.heldList);
      const exact = `${pair}/${e.data.version}/${e.data.decision}/${JSON.stringify(e.data.score ?? null)}`;
      byExact.set(exact, [...(byExact.get(exact) ?? []), e]);
      byPair.set(pair, [...(byPair.get(pair) ?? []), e]);
    }
    const used = new Set<number>();
    const stored = new Map<string, DecisionRow[]>();
    let checked = 0;
    let last: DecisionRow | undefined;
    for (;;) {
      let q = db
        .selectFrom('match_decisions')
        .selectAll()
        .orderBy('sought_list_id')
        .orderBy('sought_ref')
        .orderBy('held_list_id')
        .orderBy('held_ref')
        .limit(PAGE);
      if (last)
        q = q.where(
          sql<boolean>`(sought_list_id, sought_ref, held_list_id, held_ref) > (${last.sought_list_id}::uuid, ${last.sought_ref}, ${last.held_list_id}::uuid, ${last.held_ref})`,
        );
      const rows = await q.execute();
      for (const r of rows) {
        checked++;
        const pair = pairOf(r.sought_list_id, r.held_list_id);
        stored.set(pair, [...(stored.get(pair) ?? []), r]);
        const exact = `${pair}/${r.version}/${r.decision}/${JSON.stringify(r.score ?? null)}`;
        const fresh = (e: LoggedEntry) => !used.has(e.id) && refsOpen(e, r);
        // A changed version, decision or score misses its bucket: then the pair's latest entry.
        const entry = byExact.get(exact)?.find(fresh) ?? byPair.get(pair)?.filter(fresh).at(-1);
        if (entry) used.add(entry.id);
        const id = `${r.sought_list_id}/${r.sought_ref}/${r.held_list_id}/${r.held_ref}`;
        found(
          compareWithEntry('match_decision', id, entry, {
            data: { decision: r.decision, score: r.score, version: r.version },
            sealed: { note: r.note || undefined },
            organisation: r.decided_org,
          }),
        );
        if (entry) found(differs('match_decision', id, 'decided_by', r.decided_by, entry.actor?.user, entry.idx));
      }
      if (rows.length < PAGE) break;
      last = rows[rows.length - 1];
    }
    // An entry no row answers to is an earlier decision on a pair decided again, or a decision deleted.
    for (const e of decided) {
      if (used.has(e.id)) continue;
      const pair = pairOf(e.subject.soughtList, e.subject.heldList);
      if ((stored.get(pair) ?? []).some((r) => r.version > Number(e.data.version) && refsOpen(e, r))) continue;
      found(miss('match_decision', pair, '*', e.idx, `log entry ${e.idx} recorded a decision on a pair of persons of these lists that is not stored`));
    }

    const runEntries = new Map((await entriesOfTypes(db, ['detainees.match.run'])).map((e) => [e.subject.run, e]));
    const runs = await db.selectFrom('match_runs').selectAll().orderBy('id').execute();
    const kept = new Map(
      (
        await db
          .selectFrom('match_candidates')
          .select(['run_id', (eb) => eb.fn.countAll<string>().as('n')])
          .groupBy('run_id')
          .execute()
      ).map((c) => [c.run_id, Number(c.n)]),
    );
    let checkedRuns = 0;
    for (const run of runs) {
      const entry = runEntries.get(run.id);
      runEntries.delete(run.id);
      if (run.status !== 'done') {
        // Only a finished run is recorded; one served as unfinished after its entry was written was changed.
        if (entry) found(miss('match_run', run.id, 'status', entry.idx, `log entry ${entry.idx} recorded this run as done, but it is served as ${run.status}`));
        continue;
      }
      checkedRuns++;
      const data: Record<string, unknown> = { kind: run.kind, soughtVersion: run.sought_version, heldVersion: run.held_version, ...(run.stats ?? {}) };
      for (const key of Object.keys(entry?.data ?? {})) if (!(key in data)) data[key] = null;
      found(compareWithEntry('match_run', run.id, entry, { data }));
      if (!entry) continue;
      found(differs('match_run', run.id, 'sought_list_id', run.sought_list_id, entry.subject.soughtList, entry.idx));
      found(differs('match_run', run.id, 'held_list_id', run.held_list_id, entry.subject.heldList, entry.idx));
      found(differs('match_run', run.id, 'candidates', kept.get(run.id) ?? 0, entry.data.candidatesKept ?? 0, entry.idx));
    }
    for (const [run, e] of runEntries) found(miss('match_run', run, '*', e.idx, `log entry ${e.idx} recorded this run, but it is not stored`));
    return { match_decision: checked, match_run: checkedRuns };
  },
};

/**
 * Reads of one person's record (C4): each `detainee_views` row of what "person" against
 * the `detainees.person.viewed` entry written beside it (same reader, same list, the ref
 * sealed). Rows and entries are written in the same order, so each row is paired with the
 * next entry of its reader that opens to its ref; a deleted row leaves its entry unpaired.
 * Views of pages of persons are kept in rows only, with no entry: nothing to compare.
 */
export const personViewsCheck: AuditCheck = {
  name: 'person-views',
  async run({ db }, found) {
    type Bucket = { entries: LoggedEntry[]; next: number; used: Set<number>; unpaired: string[] };
    const buckets = new Map<string, Bucket>();
    const bucket = (key: string) => buckets.get(key) ?? (buckets.set(key, { entries: [], next: 0, used: new Set(), unpaired: [] }).get(key) as Bucket);
    for (const e of await entriesOfTypes(db, ['detainees.person.viewed']))
      bucket(`${e.subject.list}/${e.actor?.user}/${e.actor?.organisation}`).entries.push(e);
    let checked = 0;
    let after = 0;
    for (;;) {
      const rows = await db
        .selectFrom('detainee_views')
        .selectAll()
        .where('what', '=', 'person')
        .where('id', '>', String(after))
        .orderBy('id')
        .limit(PAGE)
        .execute();
      for (const r of rows) {
        checked++;
        const b = bucket(`${r.list_id}/${r.viewer_user}/${r.viewer_org}`);
        const i = b.entries.findIndex((e, k) => k >= b.next && opens(e, 'ref', r.refs[0]) === true);
        if (i >= 0) b.used.add(i), (b.next = i + 1);
        else b.unpaired.push(String(r.id));
      }
      if (rows.length < PAGE) break;
      after = Number(rows[rows.length - 1].id);
    }
    // What is left pairs up in order: a row whose ref was changed meets the entry it no longer opens.
    for (const b of buckets.values()) {
      const left = b.entries.filter((_, k) => !b.used.has(k));
      b.unpaired.forEach((id, k) => {
        found(
          miss(
            'detainee_view',
            id,
            left[k] ? 'refs' : '*',
            left[k]?.idx ?? null,
            left[k] ? `the person viewed differs from the one log entry ${left[k].idx} recorded` : 'no log entry records this view',
          ),
        );
      });
      for (const e of left.slice(b.unpaired.length))
        found(miss('detainee_view', `${e.subject.list}/${e.actor?.user}`, '*', e.idx, `log entry ${e.idx} recorded a view of a person that is not stored`));
    }
    return { detainee_view: checked };
  },
};
