import type { OrgKind, Role } from '@truce/core/model/accounts';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { record } from '../log/index.ts';
import { assignAction, markDone, scheduleExchange } from '../meetings/index.ts';
import { proposal, setAgenda, changeItem } from '../meetings/index.ts';
import { approveDecision, recordDecision } from '../meetings/index.ts';
import { changeMeeting, recordAttendance, scheduleMeeting } from '../meetings/index.ts';
import type { DemoParticipants } from './incidents-seed.ts';

/**
 * The demo's meetings of the joint group (C7), all delegates fictional: the first meeting
 * in Astana on 6 February 2017 (the three guarantors present; rules of procedure and the
 * February exchange adopted), the second on 15 March 2017 (Iran absent: decisions adopted
 * by Russia and Türkiye; one still waiting for Türkiye), and the next regular meeting a
 * week after loading, its agenda proposed from what is pending. Minutes, action items
 * done and open. Everything goes through the meeting services, with its log entries.
 */
const KINDS: Record<string, OrgKind> = {
  secretariat: 'secretariat',
  russia: 'guarantor',
  turkey: 'guarantor',
  iran: 'guarantor',
  government: 'party',
  'north-dawn': 'party',
  orontes: 'party',
  'southern-union': 'party',
  facilitator: 'facilitator',
  osesgs: 'observer',
  issg: 'observer',
};

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

export async function loadDemoMeetings(ctx: AppContext, participants: DemoParticipants): Promise<{ meetings: number }> {
  const org = (key: string) => participants.orgIds.get(key)!;
  const as = (key: string, role: Role = 'officer'): Auth => {
    const user = participants.users.find((u) => u.orgId === org(key) && u.role === role)!;
    return { actor: { userId: user.id, orgId: user.orgId, orgKind: KINDS[key], role }, via: 'session' } as Auth;
  };
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
  const decide = async (
    meetingId: string,
    text: string,
    links: { partyIds?: string[]; exchangeIds?: string[]; incidentIds?: string[]; shared?: boolean; proposer?: string; agendaItemId?: string },
    approvers: string[],
  ) => {
    await recordDecision(ctx, links.proposer && KINDS[links.proposer] === 'guarantor' ? as(links.proposer) : secretariat, meetingId, {
      text,
      partyIds: links.partyIds,
      exchangeIds: links.exchangeIds,
      incidentIds: links.incidentIds,
      shared: links.shared,
      agendaItemId: links.agendaItemId,
      ...(links.proposer && KINDS[links.proposer] !== 'guarantor' ? { proposedBy: org(links.proposer) } : {}),
    });
    const d = await ctx.db.selectFrom('meeting_decisions').select('id').where('meeting_id', '=', meetingId).orderBy('number', 'desc').executeTakeFirstOrThrow();
    for (const g of approvers) await approveDecision(ctx, as(g), d.id, await decisionVersion(d.id));
    return d.id;
  };

  /**
   * A past meeting's rows carry its own times (approvals and adoption during the meeting,
   * action items done by their due date); its log entries keep the time of loading, as
   * in the incidents seed.
   */
  const backdate = async (meetingId: string) => {
    const m = await ctx.db.selectFrom('meetings').select('starts_at').where('id', '=', meetingId).executeTakeFirstOrThrow();
    const at = (minutes: number) => new Date(new Date(m.starts_at).getTime() + minutes * 60_000);
    await ctx.db
      .updateTable('meetings')
      .set({ created_at: at(-20 * 24 * 60), updated_at: at(8 * 60) })
      .where('id', '=', meetingId)
      .execute();
    await ctx.db
      .updateTable('meeting_agenda_items')
      .set({ created_at: at(-3 * 24 * 60) })
      .where('meeting_id', '=', meetingId)
      .execute();
    const decisions = await ctx.db.selectFrom('meeting_decisions').select(['id', 'number', 'status']).where('meeting_id', '=', meetingId).execute();
    for (const d of decisions) {
      const approvals = await ctx.db.selectFrom('meeting_decision_approvals').select('organisation_id').where('decision_id', '=', d.id).orderBy('at').execute();
      for (const [i, a] of approvals.entries()) {
        await ctx.db
          .updateTable('meeting_decision_approvals')
          .set({ at: at(60 * (2 + d.number) + 4 * i) })
          .where('decision_id', '=', d.id)
          .where('organisation_id', '=', a.organisation_id)
          .execute();
      }
      await ctx.db
        .updateTable('meeting_decisions')
        .set({
          created_at: at(60 * (1 + d.number)),
          updated_at: at(60 * (2 + d.number) + 4 * approvals.length),
          ...(d.status === 'adopted' ? { adopted_at: at(60 * (2 + d.number) + 4 * (approvals.length - 1)) } : {}),
        })
        .where('id', '=', d.id)
        .execute();
    }
    await ctx.db
      .updateTable('meeting_action_items')
      .set({ created_at: at(7 * 60) })
      .where('meeting_id', '=', meetingId)
      .execute();
    for (const a of await ctx.db
      .selectFrom('meeting_action_items')
      .select(['id', 'due_on'])
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'done')
      .execute()) {
      await ctx.db
        .updateTable('meeting_action_items')
        .set({ done_at: new Date(`${a.due_on}T15:00:00Z`) })
        .where('id', '=', a.id)
        .execute();
    }
  };

  const exchanges = await ctx.db.selectFrom('exchanges').select(['id', 'status', 'meeting_date']).orderBy('created_at').execute();
  const done = exchanges.find((e) => e.status === 'completed');
  const waiting = exchanges.find((e) => e.status === 'proposed');
  const incidents = await ctx.db
    .selectFrom('incidents as i')
    .innerJoin('incident_reports as ir', 'ir.incident_id', 'i.id')
    .innerJoin('reports as r', 'r.id', 'ir.report_id')
    .select(['i.id', 'i.created_at'])
    .distinct()
    .where('ir.removed_at', 'is', null)
    .where('i.merged_into', 'is', null)
    .where('r.adm1_pcode', '=', 'SY04') // Homs
    .orderBy('i.created_at')
    .limit(2)
    .execute();

  // 1. Astana, 6 February 2017.
  const first = (
    await scheduleMeeting(ctx, secretariat, {
      title: 'Joint monitoring group — first meeting',
      startsAt: '2017-02-06T07:00:00Z',
      venue: 'Astana, Rixos President Hotel',
      participants: invite(['russia', 'turkey', 'iran', 'government', 'north-dawn', 'facilitator']),
    })
  ).id;
  await setAgenda(ctx, secretariat, first, {
    version: await version(first),
    items: [
      { title: 'Rules of procedure of the group', shared: true },
      { title: 'Exchange of detainees between the Government and Northern Dawn', shared: true },
      { title: 'Date and place of the next meeting' },
    ],
  });
  await attend(first, ['russia', 'turkey', 'iran', 'government', 'north-dawn', 'facilitator'], []);
  const firstItems = await items(first);
  const minutes1 = [
    'The guarantors presented the draft rules of procedure. The Government asked that meetings alternate with Damascus; the guarantors kept Astana for now. Adopted as decision 1.',
    'The Humanitarian Committee reported 10 confirmed matches on each side. Both parties agreed to a one-for-one exchange at the Qalaat al-Madiq crossing (Hama) on 12 February, with the Committee escorting both convoys.',
    'The next meeting is set for 15 March in Astana.',
  ];
  for (const [i, item] of firstItems.entries()) await changeItem(ctx, secretariat, item.id, { version: item.version, minutes: minutes1[i], shared: i < 2 });
  await decide(
    first,
    'The group adopts its rules of procedure: regular meetings every four to six weeks, in Astana unless decided otherwise; an extraordinary meeting at the request of any guarantor; decisions adopted by the guarantors present.',
    { shared: true, proposer: 'russia', agendaItemId: firstItems[0].id },
    ['russia', 'turkey', 'iran'],
  );
  await decide(
    first,
    'One-for-one exchange of detainees between the Government and the Northern Dawn Brigades at the Qalaat al-Madiq crossing (Hama governorate) on 12 February 2017, facilitated by the Humanitarian Committee, each return voluntary and checked in private.',
    { partyIds: [org('government'), org('north-dawn')], exchangeIds: done ? [done.id] : [], shared: true, proposer: 'turkey', agendaItemId: firstItems[1].id },
    ['russia', 'turkey', 'iran'],
  );
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
  for (const a of await ctx.db.selectFrom('meeting_action_items').select(['id', 'version', 'owner_org']).where('meeting_id', '=', first).execute()) {
    const owner = a.owner_org === org('facilitator') ? 'facilitator' : 'secretariat';
    await markDone(ctx, as(owner), a.id, {
      version: a.version,
      note: owner === 'facilitator' ? 'Sent on 9 February; both parties acknowledged.' : 'Circulated on 11 February.',
    });
  }
  if (done) {
    // Agreed at this meeting: the exchange's releases belong to its record.
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('exchanges')
        .set((eb) => ({ meeting_id: first, version: eb('version', '+', 1) }))
        .where('id', '=', done.id)
        .execute();
      await record(tx, {
        type: 'exchange.scheduled',
        actor: { organisation: org('secretariat'), user: secretariat.actor.userId },
        subject: { exchange: done.id, meeting: first },
        data: { meetingDate: done.meeting_date, meetingId: first },
      });
    });
  }
  await changeMeeting(ctx, secretariat, first, { version: await version(first), status: 'held' });
  await backdate(first);

  // 2. Astana, 15 March 2017: Iran absent.
  const second = (
    await scheduleMeeting(ctx, secretariat, {
      title: 'Joint monitoring group — second meeting',
      startsAt: '2017-03-15T07:00:00Z',
      venue: 'Astana, Rixos President Hotel',
      participants: invite(['russia', 'turkey', 'iran', 'government', 'north-dawn', 'orontes', 'facilitator', 'osesgs']),
    })
  ).id;
  await setAgenda(ctx, secretariat, second, {
    version: await version(second),
    items: [
      { title: 'Water supply from the Ain al-Fijeh spring (Wadi Barada)', shared: true },
      ...incidents.map((i) => ({ incidentId: i.id, reason: 'finding-awaited' as const })),
      ...(waiting ? [{ exchangeId: waiting.id, reason: 'exchange-approval' as const }] : []),
    ],
  });
  if (waiting) await scheduleExchange(ctx, secretariat, second, { version: await version(second), exchangeId: waiting.id });
  await attend(second, ['russia', 'turkey', 'government', 'north-dawn', 'orontes', 'facilitator', 'osesgs'], ['iran']);
  const secondItems = await items(second);
  await changeItem(ctx, secretariat, secondItems[0].id, {
    version: secondItems[0].version,
    minutes:
      'The pumping station at Ain al-Fijeh has been out of service since late December; Damascus depends on tanker trucks. Both sides accept a convoy of water engineers through Basimah and Deir Qanun under the guarantors\u2019 escort.',
    shared: true,
  });
  if (secondItems[1]?.incident_id)
    await changeItem(ctx, secretariat, secondItems[1].id, {
      version: secondItems[1].version,
      minutes:
        'Reports from Homs governorate, around al-Waer and Talbiseh. The accused side disputes the account; the guarantors will assess before the next meeting.',
    });
  await decide(
    second,
    'Both sides guarantee safe passage for the water engineers\u2019 convoy to the Ain al-Fijeh pumping station (Wadi Barada) from 20 March, under the escort of Russian and Turkish officers.',
    { partyIds: [org('government'), org('north-dawn')], shared: true, proposer: 'turkey', agendaItemId: secondItems[0].id },
    ['russia', 'turkey'],
  );
  await decide(
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
  await changeMeeting(ctx, secretariat, second, { version: await version(second), status: 'held' });
  await backdate(second);

  // 3. The next regular meeting, a week from now, its agenda proposed from what is pending.
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
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
