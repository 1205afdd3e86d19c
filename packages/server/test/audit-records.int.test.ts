import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detaineeListsCheck, matchingCheck, personViewsCheck } from '../src/audit/check-detainees.ts';
import { exchangesCheck } from '../src/audit/check-exchanges.ts';
import { meetingsCheck } from '../src/audit/check-meetings.ts';
import { runAudit } from '../src/audit/run-audit.ts';
import { demo, ENGINES, startTestServer, type TestServer } from './harness.ts';

/**
 * The audit of detainee lists, matching, exchanges and meeting decisions (C9): the demo's
 * records, written through the same services as the API, pass; one change to one stored
 * row behind the application's back is named with its kind, id, field and log index, and
 * nothing else is.
 */
const CHECKS = [detaineeListsCheck, personViewsCheck, matchingCheck, exchangesCheck, meetingsCheck];
const KINDS = [
  'detainee_list',
  'detainee_list_version',
  'detainee_person',
  'detainee_view',
  'match_decision',
  'match_run',
  'exchange',
  'exchange_person',
  'exchange_approval',
  'decision',
  'decision_approval',
];

describe.each(ENGINES)('the audit of detainees, exchanges and meetings on %s', (engine) => {
  let ts: TestServer;
  const audit = () => runAudit({ db: ts.server.ctx.db, dataDir: ts.dataDir }, CHECKS);
  const db = () => ts.server.ctx.db;
  const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(db())).rows[0];
  /** Changes one row, audits, restores the row: the audit names exactly `expected`. */
  const named = async (change: ReturnType<typeof sql>, restore: ReturnType<typeof sql>, expected: { kind: string; id: string; field: string }[]) => {
    await change.execute(db());
    try {
      const result = await audit();
      expect(result.mismatches).toEqual(expected.map((m) => expect.objectContaining({ ...m, logIndex: expect.any(Number) })));
      return result;
    } finally {
      await restore.execute(db());
    }
  };

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true, demoReports: 60, demoDetainees: 0.1 });
    // The demo reads nobody's record; one read of one person, through the API, is on the record.
    const list = await one(
      sql<{
        id: string;
      }>`select l.id from detainee_lists l join organisations o on o.id = l.party_id where l.kind = 'held' and o.short_name = 'Government' limit 1`,
    );
    const person = await one(sql<{ ref: string }>`select ref from detainee_persons where list_id = ${list.id} and to_version is null order by id limit 1`);
    const gov = await ts.signedIn(demo('government', 'officer'));
    expect((await gov.get(`/api/detainee-lists/${list.id}/persons/${encodeURIComponent(person.ref)}`)).status).toBe(200);
    await ts.server.ctx.sequencer.flush(); // a read's entry gets its place in the log in the background
  });
  afterAll(() => ts.close());

  it('passes the untouched demo, having compared every kind of record', async () => {
    const result = await audit();
    expect(result.mismatches).toEqual([]);
    for (const kind of KINDS) expect(result.checked[kind], kind).toBeGreaterThan(0);
    // Lists and exchanges commit their persons in ref order: every version and proposal opens.
    expect(result.checked.detainee_list_version_unopened).toBe(0);
    expect(result.checked.exchange_persons_unopened).toBe(0);
  });

  it('names a list, a version or a person row that was changed', async () => {
    const list = await one(
      sql<{
        id: string;
      }>`select l.id from detainee_lists l join organisations o on o.id = l.party_id where l.kind = 'sought' and l.current_version = 2 order by o.name limit 1`,
    );
    await named(
      sql`update detainee_lists set person_count = person_count + 1 where id = ${list.id}`,
      sql`update detainee_lists set person_count = person_count - 1 where id = ${list.id}`,
      [{ kind: 'detainee_list', id: list.id, field: 'person_count' }],
    );
    await named(
      sql`update detainee_list_versions set added = added + 1 where list_id = ${list.id} and version = 1`,
      sql`update detainee_list_versions set added = added - 1 where list_id = ${list.id} and version = 1`,
      [{ kind: 'detainee_list_version', id: `${list.id}/v1`, field: 'added' }],
    );
    const person = await one(
      sql<{
        id: number;
        record: string;
      }>`select id, record::text as record from detainee_persons where list_id = ${list.id} and from_version = 1 and to_version is null order by id limit 1`,
    );
    // The log commits to a version's persons as one hash, in ref order: a changed name is named
    // by every version that held the person.
    const changed = await named(
      sql`update detainee_persons set record = jsonb_set(record, '{familyName}', '"الملفق"') where id = ${person.id}`,
      sql`update detainee_persons set record = ${person.record}::jsonb where id = ${person.id}`,
      [
        { kind: 'detainee_list_version', id: `${list.id}/v1`, field: 'persons' },
        { kind: 'detainee_list_version', id: `${list.id}/v2`, field: 'persons' },
      ],
    );
    expect(changed.checked.detainee_list_version_unopened).toBe(0);
    const view = await one(sql<{ id: number; refs: string }>`select id, refs::text as refs from detainee_views where what = 'person' limit 1`);
    await named(
      sql`update detainee_views set refs = array['GOV-H99999'] where id = ${view.id}`,
      sql`update detainee_views set refs = ${view.refs}::text[] where id = ${view.id}`,
      [{ kind: 'detainee_view', id: String(view.id), field: 'refs' }],
    );
    await named(
      sql`update detainee_persons set ref = ref || '-x' where id = ${person.id}`,
      sql`update detainee_persons set ref = record->>'ref' where id = ${person.id}`,
      [{ kind: 'detainee_person', id: String(person.id), field: 'ref' }],
    );
  });

  it('names a match decision or a matching run that was changed', async () => {
    const d = await one(
      sql<{
        s: string;
        sr: string;
        h: string;
        hr: string;
      }>`select sought_list_id as s, sought_ref as sr, held_list_id as h, held_ref as hr from match_decisions where decision = 'confirmed' order by sought_ref limit 1`,
    );
    const where = sql`sought_list_id = ${d.s} and sought_ref = ${d.sr} and held_list_id = ${d.h} and held_ref = ${d.hr}`;
    await named(sql`update match_decisions set decision = 'rejected' where ${where}`, sql`update match_decisions set decision = 'confirmed' where ${where}`, [
      { kind: 'match_decision', id: `${d.s}/${d.sr}/${d.h}/${d.hr}`, field: 'decision' },
    ]);
    const run = await one(sql<{ id: string; held: string }>`select id, stats->>'held' as held from match_runs where status = 'done' order by id limit 1`);
    await named(
      sql`update match_runs set stats = jsonb_set(stats, '{held}', '1') where id = ${run.id}`,
      sql`update match_runs set stats = jsonb_set(stats, '{held}', ${run.held}::jsonb) where id = ${run.id}`,
      [{ kind: 'match_run', id: run.id, field: 'held' }],
    );
  });

  it('names an exchange, a person in it or an approval that was changed', async () => {
    const x = await one(sql<{ id: string }>`select id from exchanges where status = 'completed' limit 1`);
    await named(sql`update exchanges set status = 'withdrawn' where id = ${x.id}`, sql`update exchanges set status = 'completed' where id = ${x.id}`, [
      { kind: 'exchange', id: x.id, field: 'status' },
    ]);
    const p = await one(
      sql<{ list_id: string; ref: string }>`select list_id, ref from exchange_persons where exchange_id = ${x.id} and outcome = 'declined' limit 1`,
    );
    const where = sql`exchange_id = ${x.id} and list_id = ${p.list_id} and ref = ${p.ref}`;
    await named(sql`update exchange_persons set outcome = 'confirmed' where ${where}`, sql`update exchange_persons set outcome = 'declined' where ${where}`, [
      { kind: 'exchange_person', id: `${x.id}/${p.list_id}/${p.ref}`, field: 'outcome' },
    ]);
    const a = await one(
      sql<{
        organisation_id: string;
      }>`select organisation_id from exchange_approvals where exchange_id = ${x.id} and kind = 'endorsement' order by organisation_id limit 1`,
    );
    const which = sql`exchange_id = ${x.id} and kind = 'endorsement' and organisation_id = ${a.organisation_id}`;
    await named(
      sql`update exchange_approvals set exchange_version = exchange_version + 5 where ${which}`,
      sql`update exchange_approvals set exchange_version = exchange_version - 5 where ${which}`,
      [{ kind: 'exchange_approval', id: `${x.id}/endorsement/${a.organisation_id}`, field: 'exchange_version' }],
    );
  });

  it("names a decision's text or an approval's organisation that was changed", async () => {
    const d = await one(sql<{ id: string; text: string }>`select id, text from meeting_decisions order by id limit 1`);
    await named(
      sql`update meeting_decisions set text = text || ' (amended)' where id = ${d.id}`,
      sql`update meeting_decisions set text = ${d.text} where id = ${d.id}`,
      [{ kind: 'decision', id: d.id, field: 'text' }],
    );
    // A decision approved by one guarantor: its approval moved to another, who never gave it.
    const a = await one(
      sql<{
        decision_id: string;
        organisation_id: string;
      }>`select decision_id, min(organisation_id::text) as organisation_id from meeting_decision_approvals group by decision_id having count(*) = 1 limit 1`,
    );
    const other = await one(sql<{ id: string }>`select id from organisations where kind = 'guarantor' and id <> ${a.organisation_id} order by id limit 1`);
    await named(
      sql`update meeting_decision_approvals set organisation_id = ${other.id} where decision_id = ${a.decision_id}`,
      sql`update meeting_decision_approvals set organisation_id = ${a.organisation_id} where decision_id = ${a.decision_id}`,
      [{ kind: 'decision_approval', id: `${a.decision_id}/${other.id}`, field: 'organisation' }],
    );
  });

  it('passes versions written by form, and names every version a changed person was in', async () => {
    const gov = await ts.signedIn(demo('government', 'officer'));
    const list = await one(
      sql<{
        id: string;
        v: number;
      }>`select l.id, l.current_version as v from detainee_lists l join organisations o on o.id = l.party_id where l.kind = 'held' and o.kind = 'party' and l.current_version = 2 order by o.name limit 1`,
    );
    const [first, second] = (
      await sql<{ ref: string }>`select ref from detainee_persons where list_id = ${list.id} and to_version is null order by id limit 2`.execute(db())
    ).rows;
    const path = `/api/detainee-lists/${list.id}/persons`;
    // A change keeps the person's place in the list, an addition comes last, a removal closes the row.
    expect(
      (
        await gov.request('PUT', `${path}/${encodeURIComponent(first.ref)}`, {
          version: 2,
          person: { ref: first.ref, givenName: 'سامر', familyName: 'الحموي', birthYear: 1990 },
        })
      ).status,
    ).toBe(200);
    expect((await gov.post(path, { version: 3, person: { ref: 'AUDIT-1', givenName: 'عادل', familyName: 'الخطيب' } })).status).toBe(201);
    expect((await gov.post(`${path}/${encodeURIComponent(second.ref)}/remove`, { version: 4, note: 'Released before the list was sent.' })).status).toBe(200);
    // The new versions queued matching runs: let them finish, so the run entries and rows agree.
    for (let i = 0; i < 120 && Number((await one(sql<{ n: string }>`select count(*) as n from match_runs where status in ('queued', 'running')`)).n) > 0; i++)
      await new Promise((r) => setTimeout(r, 500));
    await ts.server.ctx.sequencer.flush();
    const clean = await audit();
    expect(clean.mismatches).toEqual([]);
    expect(clean.checked.detainee_list_version_unopened).toBe(0);
    const changed = await one(
      sql<{
        id: number;
        record: string;
      }>`select id, record::text as record from detainee_persons where list_id = ${list.id} and ref = ${first.ref} and to_version is null`,
    );
    await named(
      sql`update detainee_persons set record = jsonb_set(record, '{birthYear}', '1991') where id = ${changed.id}`,
      sql`update detainee_persons set record = ${changed.record}::jsonb where id = ${changed.id}`,
      [3, 4, 5].map((v) => ({ kind: 'detainee_list_version', id: `${list.id}/v${v}`, field: 'persons' })),
    );
  });
});
