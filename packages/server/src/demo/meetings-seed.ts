import type { Role } from '@truce/core/model/accounts';
import type { AppContext } from '../context.ts';
import { assignAction, markDone, scheduleExchange } from '../meetings/index.ts';
import { proposal, setAgenda, changeItem } from '../meetings/index.ts';
import { approveDecision, recordDecision } from '../meetings/index.ts';
import { changeMeeting, recordAttendance, scheduleMeeting } from '../meetings/index.ts';
import { demoAuth, type DemoParticipants } from './participants.ts';
import type { ScriptedClock } from './scripted-clock.ts';

/**
 * The demo's meetings of the joint group (C7), all delegates fictional: the first meeting
 * in Astana on 6 February 2017 (the three guarantors present; rules of procedure and the
 * February exchange adopted), the second on 15 March 2017 (Iran absent: decisions adopted
 * by Russia and Türkiye; one still waiting for Türkiye), and the next regular meeting a
 * week after loading, its agenda proposed from what is pending. Minutes, action items
 * done and open. Everything goes through the meeting use cases, each at its time of the
 * story (the scripted clock): a past meeting is scheduled three weeks ahead, its agenda
 * set three days before, its decisions proposed and approved hour by hour during it, its
 * action items done by their due day.
 */
const GUARANTORS = new Set(['russia', 'turkey', 'iran']);

const DELEGATES: Record<string, string[]> = {
  russia: ['Andrei Sokolov', 'Yelena Markova'],
  turkey: ['Mehmet Aydın', 'Zeynep Arslan'],
  iran: ['Hossein Karimi'],
  government: ['د. سامر الخطيب', 'العميد نزار حداد'],
  'north-dawn': ['أبو أحمد الإدلبي', 'محمد ياسر العبدو'],
  orontes: ['عبد الرحمن الحموي'],
  facilitator: ['Lina Haddad', 'Omar Kassab'],
  osesgs: ['Ingrid Dahl'],
};

export interface DemoMeetingsInput {
  /** The exchange of 12 February, agreed at the first meeting, and the one proposed for 15 March (set once the clock passes 8 March). */
  exchanges: { february: string | null; march: string | null };
}

export async function loadDemoMeetings(
  ctx: AppContext,
  clock: ScriptedClock,
  participants: DemoParticipants,
  input: DemoMeetingsInput,
): Promise<{ meetings: number }> {
  const org = (key: string) => participants.orgIds.get(key)!;
  const as = (key: string, role: Role = 'officer') => demoAuth(participants, key, role);
  const secretariat = as('secretariat');
  const version = async (id: string) => (await ctx.db.selectFrom('meetings').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const decisionVersion = async (id: string) =>
    (await ctx.db.selectFrom('meeting_decisions').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const invite = (keys: string[]) => keys.map((k) => ({ organisationId: org(k), delegates: DELEGATES[k] ?? [] }));
  const attend = async (meetingId: string, present: string[], absent: string[]) =>
    recordAttendance(ctx, secretariat, meetingId, {
      version: await version(meetingId),
      attendance: [
        ...present.map((k) => ({ organisationId: org(k), present: true, attendees: DELEGATES[k] ?? [] })),
        ...absent.map((k) => ({ organisationId: org(k), present: false })),
      ],
    });
  const items = async (meetingId: string) =>
    ctx.db
      .selectFrom('meeting_agenda_items')
      .select(['id', 'version', 'incident_id', 'exchange_id'])
      .where('meeting_id', '=', meetingId)
      .where('removed_at', 'is', null)
      .orderBy('position')
      .execute();
  /** The times of a past meeting: `minutes` after it began. */
  const during = (startsAt: string, minutes: number) => new Date(Date.parse(startsAt) + minutes * 60_000);
  /** Decision n of a meeting: proposed in its n-th hour, approved by each guarantor a few minutes apart the hour after. */
  const decide = async (
    startsAt: string,
    n: number,
    meetingId: string,
    text: string,
    links: { partyIds?: string[]; exchangeIds?: string[]; incidentIds?: string[]; shared?: boolean; proposer?: string; agendaItemId?: string },
    approvers: string[],
  ) => {
    await clock.moveTo(during(startsAt, 60 * n));
    await recordDecision(ctx, links.proposer && GUARANTORS.has(links.proposer) ? as(links.proposer) : secretariat, meetingId, {
      text,
      partyIds: links.partyIds,
      exchangeIds: links.exchangeIds,
      incidentIds: links.incidentIds,
      shared: links.shared,
      agendaItemId: links.agendaItemId,
      ...(links.proposer && !GUARANTORS.has(links.proposer) ? { proposedBy: org(links.proposer) } : {}),
    });
    const d = await ctx.db.selectFrom('meeting_decisions').select('id').where('meeting_id', '=', meetingId).orderBy('number', 'desc').executeTakeFirstOrThrow();
    for (const [i, g] of approvers.entries()) {
      await clock.moveTo(during(startsAt, 60 * (n + 1) + 4 * i));
      await approveDecision(ctx, as(g), d.id, await decisionVersion(d.id));
    }
    return d.id;
  };

  const done = input.exchanges.february;
  const incidents = await ctx.db
    .selectFrom('incidents as i')
    .innerJoin('incident_reports as ir', 'ir.incident_id', 'i.id')
    .innerJoin('reports as r', 'r.id', 'ir.report_id')
    .select(['i.id', 'i.created_at'])
    .distinct()
    .where('ir.removed_at', 'is', null)
    .where('i.merged_into', 'is', null)
    .where('r.adm1_pcode', '=', 'SY04') // Homs
    .where('i.created_at', '<', new Date('2017-03-12T00:00:00Z'))
    .orderBy('i.created_at')
    .limit(2)
    .execute();

  // 1. Astana, 6 February 2017.
  const firstAt = '2017-02-06T07:00:00Z';
  await clock.moveTo(during(firstAt, -20 * 24 * 60));
  const first = (
    await scheduleMeeting(ctx, secretariat, {
      title: 'Joint monitoring group — first meeting',
      startsAt: firstAt,
      venue: 'Astana, Rixos President Hotel',
      participants: invite(['russia', 'turkey', 'iran', 'government', 'north-dawn', 'facilitator']),
    })
  ).id;
  await clock.moveTo(during(firstAt, -3 * 24 * 60));
  await setAgenda(ctx, secretariat, first, {
    version: await version(first),
    items: [
      { title: 'Rules of procedure of the group', shared: true },
      { title: 'Exchange of detainees between the Government and Northern Dawn', shared: true },
      { title: 'Date and place of the next meeting' },
    ],
  });
  // Agreed at this meeting: the exchange's releases belong to its record.
  if (done) await scheduleExchange(ctx, secretariat, first, { version: await version(first), exchangeId: done });
  await clock.moveTo(during(firstAt, 0));
  await attend(first, ['russia', 'turkey', 'iran', 'government', 'north-dawn', 'facilitator'], []);
  const firstItems = await items(first);
  const minutes1 = [
    'The guarantors presented the draft rules of procedure. The Government asked that meetings alternate with Damascus; the guarantors kept Astana for now. Adopted as decision 1.',
    'The Humanitarian Committee reported 10 confirmed matches on each side. Both parties agreed to a one-for-one exchange at the Qalaat al-Madiq crossing (Hama) on 12 February, with the Committee escorting both convoys.',
    'The next meeting is set for 15 March in Astana.',
  ];
  for (const [i, item] of firstItems.entries()) {
    await clock.moveTo(during(firstAt, 50 + 60 * i));
    await changeItem(ctx, secretariat, item.id, { version: item.version, minutes: minutes1[i], shared: i < 2 });
  }
  await decide(
    firstAt,
    1,
    first,
    'The group adopts its rules of procedure: regular meetings every four to six weeks, in Astana unless decided otherwise; an extraordinary meeting at the request of any guarantor; decisions adopted by the guarantors present.',
    { shared: true, proposer: 'russia', agendaItemId: firstItems[0].id },
    ['russia', 'turkey', 'iran'],
  );
  await decide(
    firstAt,
    2,
    first,
    'One-for-one exchange of detainees between the Government and the Northern Dawn Brigades at the Qalaat al-Madiq crossing (Hama governorate) on 12 February 2017, facilitated by the Humanitarian Committee, each return voluntary and checked in private.',
    { partyIds: [org('government'), org('north-dawn')], exchangeIds: done ? [done] : [], shared: true, proposer: 'turkey', agendaItemId: firstItems[1].id },
    ['russia', 'turkey', 'iran'],
  );
  await clock.moveTo(during(firstAt, 7 * 60));
  await assignAction(ctx, secretariat, first, {
    text: 'Send both parties the final list of persons for the 12 February exchange.',
    ownerOrgId: org('facilitator'),
    dueOn: '2017-02-10',
  });
  await assignAction(ctx, secretariat, first, {
    text: 'Circulate the rules of procedure in Arabic, English, Russian, Turkish and Persian.',
    ownerOrgId: org('secretariat'),
    dueOn: '2017-02-13',
    shared: true,
  });
  await clock.moveTo(during(firstAt, 8 * 60));
  await changeMeeting(ctx, secretariat, first, { version: await version(first), status: 'held' });
  const firstActions = await ctx.db
    .selectFrom('meeting_action_items')
    .select(['id', 'version', 'owner_org', 'due_on'])
    .where('meeting_id', '=', first)
    .orderBy('due_on')
    .execute();
  for (const a of firstActions) {
    const owner = a.owner_org === org('facilitator') ? 'facilitator' : 'secretariat';
    await clock.moveTo(new Date(`${a.due_on}T15:00:00Z`));
    await markDone(ctx, as(owner), a.id, {
      version: a.version,
      note: owner === 'facilitator' ? 'Sent on 9 February; both parties acknowledged.' : 'Circulated on 11 February.',
    });
  }

  // 2. Astana, 15 March 2017: Iran absent.
  const secondAt = '2017-03-15T07:00:00Z';
  await clock.moveTo(during(secondAt, -20 * 24 * 60));
  const second = (
    await scheduleMeeting(ctx, secretariat, {
      title: 'Joint monitoring group — second meeting',
      startsAt: secondAt,
      venue: 'Astana, Rixos President Hotel',
      participants: invite(['russia', 'turkey', 'iran', 'government', 'north-dawn', 'orontes', 'facilitator', 'osesgs']),
    })
  ).id;
  await clock.moveTo(during(secondAt, -3 * 24 * 60));
  const waiting = input.exchanges.march;
  await setAgenda(ctx, secretariat, second, {
    version: await version(second),
    items: [
      { title: 'Water supply from the Ain al-Fijeh spring (Wadi Barada)', shared: true },
      ...incidents.map((i) => ({ incidentId: i.id, reason: 'finding-awaited' as const })),
      ...(waiting ? [{ exchangeId: waiting, reason: 'exchange-approval' as const }] : []),
    ],
  });
  if (waiting) await scheduleExchange(ctx, secretariat, second, { version: await version(second), exchangeId: waiting });
  await clock.moveTo(during(secondAt, 0));
  await attend(second, ['russia', 'turkey', 'government', 'north-dawn', 'orontes', 'facilitator', 'osesgs'], ['iran']);
  const secondItems = await items(second);
  await clock.moveTo(during(secondAt, 50));
  await changeItem(ctx, secretariat, secondItems[0].id, {
    version: secondItems[0].version,
    minutes:
      'The pumping station at Ain al-Fijeh has been out of service since late December; Damascus depends on tanker trucks. Both sides accept a convoy of water engineers through Basimah and Deir Qanun under the guarantors\u2019 escort.',
    shared: true,
  });
  if (secondItems[1]?.incident_id) {
    await clock.moveTo(during(secondAt, 110));
    await changeItem(ctx, secretariat, secondItems[1].id, {
      version: secondItems[1].version,
      minutes:
        'Reports from Homs governorate, around al-Waer and Talbiseh. The accused side disputes the account; the guarantors will assess before the next meeting.',
    });
  }
  await decide(
    secondAt,
    1,
    second,
    'Both sides guarantee safe passage for the water engineers\u2019 convoy to the Ain al-Fijeh pumping station (Wadi Barada) from 20 March, under the escort of Russian and Turkish officers.',
    { partyIds: [org('government'), org('north-dawn')], shared: true, proposer: 'turkey', agendaItemId: secondItems[0].id },
    ['russia', 'turkey'],
  );
  await decide(
    secondAt,
    2,
    second,
    'The violations reported in Homs governorate (al-Waer, Talbiseh) are referred to the guarantors for a joint assessment, to be presented at the next meeting.',
    {
      incidentIds: incidents.map((i) => i.id),
      partyIds: [org('government')],
      proposer: 'russia',
      agendaItemId: secondItems[1]?.incident_id ? secondItems[1].id : undefined,
    },
    ['russia'],
  );
  await clock.moveTo(during(secondAt, 7 * 60));
  await assignAction(ctx, secretariat, second, {
    text: 'Name the liaison officer for the Wadi Barada engineers\u2019 convoy.',
    ownerOrgId: org('government'),
    dueOn: '2017-03-20',
  });
  await assignAction(ctx, secretariat, second, {
    text: 'Give the route and timing of the convoy through the areas you hold near Basimah.',
    ownerOrgId: org('north-dawn'),
    dueOn: '2017-03-20',
  });
  await assignAction(ctx, secretariat, second, {
    text: 'Send the UN Office of the Special Envoy the record of the decisions adopted so far.',
    ownerOrgId: org('secretariat'),
    dueOn: '2017-03-22',
    shared: true,
  });
  await clock.moveTo(during(secondAt, 8 * 60));
  await changeMeeting(ctx, secretariat, second, { version: await version(second), status: 'held' });

  // 3. The next regular meeting, a week from now, its agenda proposed from what is pending.
  await clock.moveTo(clock.today);
  const startsAt = new Date(clock.today.getTime() + 7 * 86_400_000);
  startsAt.setUTCHours(7, 0, 0, 0);
  const next = (
    await scheduleMeeting(ctx, secretariat, {
      title: 'Joint monitoring group — regular meeting',
      startsAt: startsAt.toISOString(),
      venue: 'Astana, Rixos President Hotel',
      participants: invite(['russia', 'turkey', 'iran', 'government', 'north-dawn', 'orontes', 'southern-union', 'facilitator', 'osesgs']),
    })
  ).id;
  // The proposal's most urgent items, at most two for each reason so the agenda shows its range.
  const perReason = new Map<string, number>();
  const proposed = (await proposal(ctx, secretariat, next, 99)).items
    .filter((p) => {
      perReason.set(p.reason, (perReason.get(p.reason) ?? 0) + 1);
      return perReason.get(p.reason)! <= 2;
    })
    .slice(0, 8);
  await setAgenda(ctx, secretariat, next, {
    version: await version(next),
    items: [
      { title: 'Record of the previous meeting' },
      ...proposed.map((p) =>
        'incident' in p && p.incident
          ? { incidentId: p.incident.id, reason: p.reason }
          : 'exchange' in p && p.exchange
            ? { exchangeId: p.exchange.id, reason: p.reason }
            : { actionItemId: (p as { actionItem: { id: string } }).actionItem.id, reason: p.reason },
      ),
      { title: 'Date and place of the next meeting' },
    ],
  });
  await ctx.sequencer.flush();
  return { meetings: 3 };
}
