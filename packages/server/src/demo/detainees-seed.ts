import fs from 'node:fs';
import path from 'node:path';
import type { PersonRecord } from '@truce/core/detainees/person';
import { generateLists, parseNameTokens, placesFromGazetteerTsv, type GeneratedLists } from '@truce/synthetic/detainees/index';
import type { AppContext } from '../context.ts';
import { GEO_DIR } from '../geo/index.ts';
import { DEFAULT_LEXICON_PATH } from '../matching/index.ts';
import * as exchanges from '../exchanges/index.ts';
import { writeNewVersion } from '../detainees/index.ts';
import { decide, runQueued } from '../matching/index.ts';
import { detaineesStore as store } from '../detainees/index.ts';
import { demoAuth, type DemoParticipants } from './participants.ts';
import type { ScriptedClock } from './scripted-clock.ts';

/**
 * The demo's detainee lists (C4–C6), all fictional: the Government and Northern Dawn each
 * keep a list of persons they hold and of persons they seek, generated with realistic
 * Syrian names in Arabic script and Latin transliterations (packages/synthetic),
 * uploaded in two versions (in January 2017); the matcher runs on them as it does on
 * real lists; the facilitator has confirmed and rejected some candidates and left others
 * open; one exchange took place on 12 February 2017 and another, proposed for 15 March,
 * waits for the Government's approval. Everything goes through the same use cases a
 * user's request does, each at its time of the story (the scripted clock). What happens
 * after 6 February is left on the clock (`later`) for when the meetings seed gets there:
 * the releases of 12 February are recorded only once the first meeting has put the
 * exchange on its record, and the March proposal fills `exchanges.march` when it is made.
 */
export interface DemoDetaineesSummary {
  persons: number;
  confirmed: number;
  rejected: number;
  exchanges: { february: string | null; march: string | null };
}

export async function loadDemoDetainees(ctx: AppContext, clock: ScriptedClock, participants: DemoParticipants, scale: number): Promise<DemoDetaineesSummary> {
  if (scale <= 0) return { persons: 0, confirmed: 0, rejected: 0, exchanges: { february: null, march: null } };
  const org = (key: string) => participants.orgIds.get(key)!;
  const as = (key: string) => demoAuth(participants, key);
  const day = (iso: string) => new Date(`${iso}Z`);
  const tokens = parseNameTokens(fs.readFileSync(DEFAULT_LEXICON_PATH, 'utf8'));
  const places = placesFromGazetteerTsv(fs.readFileSync(path.join(GEO_DIR, 'syr_populated_places.tsv'), 'utf8'));
  // Government holds persons Northern Dawn seeks, and the other way round.
  const govHeld = generateLists({
    seed: 2017_02_12,
    heldSize: Math.round(2000 * scale),
    soughtSize: Math.round(1200 * scale),
    overlap: 0.45,
    scripts: 'ar-latin',
    tokens,
    places,
  });
  const dawnHeld = generateLists({
    seed: 2017_03_15,
    heldSize: Math.round(1500 * scale),
    soughtSize: Math.round(1000 * scale),
    overlap: 0.4,
    scripts: 'mixed',
    tokens,
    places,
  });
  const refs = (lists: GeneratedLists, held: string, sought: string) => ({
    held: lists.held.map((p) => ({ ...p, ref: `${held}-${p.ref}` })),
    sought: lists.sought.map((p) => ({ ...p, ref: `${sought}-${p.ref}` })),
    truth: new Set(lists.truth.map((t) => `${sought}-${t.soughtRef}\u0000${held}-${t.heldRef}`)),
  });
  const pairA = refs(govHeld, 'GOV', 'ND');
  const pairB = refs(dawnHeld, 'ND', 'GOV');

  await store.ensureLists(ctx.db);
  const listId = async (key: string, kind: 'held' | 'sought') => (await store.listOf(ctx.db, org(key), kind))!.id;
  const upload = async (key: string, kind: 'held' | 'sought', persons: PersonRecord[], fileName: string) => {
    const id = await listId(key, kind);
    // A first upload of most of the list, then the full list a few weeks later.
    const first = persons.filter((_, i) => i % 20 !== 7);
    for (const [rows, name, at] of [
      [first, fileName.replace('.', '-01.'), '2017-01-09T10:00'],
      [persons, fileName.replace('.', '-02.'), '2017-01-30T10:00'],
    ] as const) {
      await clock.moveTo(day(at));
      await ctx.db.transaction().execute(async (tx) => {
        const list = (await store.findList(tx, id))!;
        await writeNewVersion(tx, as(key), {
          at: clock.now(),
          listId: id,
          baseVersion: list.current_version,
          next: () => rows,
          source: 'upload',
          fileName: name,
          fileSha256: null,
        });
      });
    }
    return id;
  };
  const lists = {
    govHeld: await upload('government', 'held', pairA.held, 'محتجزون.xlsx'),
    dawnSought: await upload('north-dawn', 'sought', pairA.sought, 'mafqudin.csv'),
    dawnHeld: await upload('north-dawn', 'held', pairB.held, 'mahtajazin.xlsx'),
    govSought: await upload('government', 'sought', pairB.sought, 'مفقودون.csv'),
  };
  await ctx.sequencer.flush();
  // The runs the uploads queued, now rather than in the background.
  await runQueued(ctx);

  // The facilitator's review so far: most clear true matches confirmed, some
  // look-alikes rejected, the rest still open.
  await clock.moveTo(day('2017-02-01T09:00'));
  const facilitator = as('facilitator');
  let confirmed = 0;
  let rejected = 0;
  const matched: { sought: string; held: string; heldList: string; soughtList: string }[] = [];
  for (const [soughtList, heldList, truth] of [
    [lists.dawnSought, lists.govHeld, pairA.truth],
    [lists.govSought, lists.dawnHeld, pairB.truth],
  ] as const) {
    const run = await ctx.db
      .selectFrom('match_runs')
      .select('id')
      .where('kind', '=', 'match')
      .where('sought_list_id', '=', soughtList)
      .where('held_list_id', '=', heldList)
      .where('status', '=', 'done')
      .orderBy('requested_at', 'desc')
      .executeTakeFirst();
    if (!run) continue;
    const candidates = await ctx.db
      .selectFrom('match_candidates')
      .select(['sought_ref', 'held_ref', 'band', 'score'])
      .where('run_id', '=', run.id)
      .orderBy('score', 'desc')
      .execute();
    const taken = new Set<string>();
    // A sought list may name one person twice (a duplicate): each held person is confirmed once here, so no exchange names them twice.
    const heldTaken = new Set<string>();
    candidates.forEach((c, i) => {
      const isTrue = truth.has(`${c.sought_ref}\u0000${c.held_ref}`);
      if (isTrue && c.band === 'link' && i % 5 !== 0 && !taken.has(c.sought_ref) && !heldTaken.has(c.held_ref)) {
        taken.add(c.sought_ref);
        heldTaken.add(c.held_ref);
        matched.push({ sought: c.sought_ref, held: c.held_ref, soughtList, heldList });
      }
    });
    for (const m of matched.filter((x) => x.soughtList === soughtList)) {
      await decide(ctx, facilitator, {
        soughtListId: soughtList,
        soughtRef: m.sought,
        heldListId: heldList,
        heldRef: m.held,
        decision: 'confirmed',
        note: 'Names, father and year of birth agree; confirmed with the family.',
      });
      confirmed++;
    }
    let falseOnes = 0;
    for (const c of candidates) {
      if (truth.has(`${c.sought_ref}\u0000${c.held_ref}`) || falseOnes % 3 === 2) {
        if (!truth.has(`${c.sought_ref}\u0000${c.held_ref}`)) falseOnes++;
        continue;
      }
      falseOnes++;
      if (taken.has(c.sought_ref) || rejected > 400) continue;
      await decide(ctx, facilitator, {
        soughtListId: soughtList,
        soughtRef: c.sought_ref,
        heldListId: heldList,
        heldRef: c.held_ref,
        decision: 'rejected',
        note: 'Different mother and place of birth: a namesake.',
      });
      rejected++;
    }
  }

  // One exchange that took place, one that waits.
  const parties = { partyA: org('government'), partyB: org('north-dawn') };
  const fromA = matched.filter((m) => m.heldList === lists.govHeld);
  const fromB = matched.filter((m) => m.heldList === lists.dawnHeld);
  const pick = (ms: typeof matched, from: number, n: number) => ms.slice(from, from + n).map((m) => ({ soughtListId: m.soughtList, soughtRef: m.sought }));
  const made: DemoDetaineesSummary['exchanges'] = { february: null, march: null };
  const size = Math.max(1, Math.min(10, fromA.length, fromB.length));
  if (fromA.length >= 2 && fromB.length >= 2) {
    await clock.moveTo(day('2017-02-03T11:00'));
    const done = await exchanges.propose(ctx, facilitator, {
      title: 'Exchange at the Hama crossing, 12 February 2017 (demo)',
      mode: 'one-for-one',
      ...parties,
      meetingDate: '2017-02-12',
      note: 'Agreed at the meeting of 6 February; the Humanitarian Committee escorts both convoys.',
      persons: [...pick(fromA, 0, size), ...pick(fromB, 0, size)],
    });
    made.february = done.id;
    for (const [i, key] of ['government', 'north-dawn'].entries()) {
      await clock.moveTo(day(`2017-02-0${4 + i}T12:00`));
      await exchanges.approve(ctx, as(key), done.id, await exchangeVersion(done.id));
    }
    for (const [i, key] of ['russia', 'turkey', 'iran'].entries()) {
      await clock.moveTo(day(`2017-02-05T1${4 + i}:00`));
      await exchanges.endorse(ctx, as(key), done.id, await exchangeVersion(done.id));
    }
    clock.later(day('2017-02-12T09:00'), () => releases(done.id));
  }
  const later = Math.min(6, fromA.length - size, fromB.length - size);
  if (fromA.length >= 2 && fromB.length >= 2 && later > 0) {
    // Northern Dawn names persons it seeks (held by the Government) and offers as many it holds.
    clock.later(day('2017-03-08T10:00'), async () => {
      const pending = await exchanges.propose(ctx, as('north-dawn'), {
        title: 'Exchange proposed for 15 March 2017 (demo)',
        mode: 'one-for-one',
        ...parties,
        meetingDate: '2017-03-15',
        persons: [...pick(fromA, size, later), ...fromB.slice(size, size + later).map((m) => ({ listId: m.heldList, ref: m.held }))],
      });
      made.march = pending.id;
    });
    clock.later(day('2017-03-09T10:00'), () => exchanges.approve(ctx, as('north-dawn'), made.march!, 1));
  }
  await ctx.sequencer.flush();
  return { persons: pairA.held.length + pairA.sought.length + pairB.held.length + pairB.sought.length, confirmed, rejected, exchanges: made };

  async function exchangeVersion(id: string) {
    return (await ctx.db.selectFrom('exchanges').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  }

  /** The day of the exchange: the facilitator records each person's release, one by one through the morning. */
  async function releases(exchangeId: string) {
    const persons = await ctx.db.selectFrom('exchange_persons').select(['list_id', 'ref']).where('exchange_id', '=', exchangeId).orderBy('ref').execute();
    for (const [i, p] of persons.entries()) {
      await clock.moveTo(new Date(clock.now().getTime() + 10 * 60_000));
      const outcome =
        i === 1
          ? { outcome: 'declined' as const, note: 'Chose to stay: interviewed alone, he asked not to be returned.' }
          : i === 4
            ? { outcome: 'not_found' as const, note: 'Not brought to the crossing; the holding side says he was moved to another facility.' }
            : { outcome: 'confirmed' as const, identityChecked: true, voluntary: true, note: '' };
      await exchanges.recordOutcome(ctx, facilitator, exchangeId, { listId: p.list_id, ref: p.ref, ...outcome });
    }
  }
}
