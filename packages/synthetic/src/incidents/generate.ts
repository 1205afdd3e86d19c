/**
 * The demo's fictional violation reports (C2, C3), made up in memory: about 2,000 reports
 * over January–March 2017 at real populated places from the gazetteer, grouped into
 * incidents, with replies, assessments and findings in every state. Pure and
 * deterministic: the same seed and inputs give the same steps (one seeded generator,
 * ../random.ts). The caller (the server's demo) reads the gazetteer and the mechanism,
 * names the organisations, users and excluded groups by id, and writes the steps in time
 * order; the generator writes nothing and reads no files.
 */
import type { Role } from '@truce/core/model/accounts';
import type { PlaceRow } from '@truce/core/geo/index';
import { decide, type Assessment, type Attribution, type DecisionRule, type Finding, type Verification } from '@truce/core/incidents/findings';
import type { ReportContent, TimePrecision, GeoPrecision } from '@truce/core/reports/model';
import { Rng } from '../random.ts';
import { GOVERNORATES, GUARANTORS, NO_CASUALTIES, TYPES, WEEK_WEIGHTS, governorateBoost, type Excluded, type Guarantor, type Side } from './conflict.ts';
import { REASONING, REOPEN_REASONS, REPLIES, SOURCES_AR, SOURCES_EN, TEMPLATES, casualtyWords, type Actor, type Lang, type Words } from './words.ts';

/** The demo's organisations by key (server demo/seed.ts ORGANISATIONS). */
export type OrgKey = Side | Guarantor | 'secretariat';

export interface IncidentsScenarioInput {
  /** How many reports. */
  count: number;
  /** The gazetteer's populated places. */
  places: readonly PlaceRow[];
  /** Ids the steps name: organisations, a user of an organisation with a role, excluded groups. */
  org: (key: OrgKey) => string;
  user: (key: OrgKey, role?: Role) => string;
  excluded: Record<Excluded, string>;
  replyDeadlineHours: number;
  decisionRule: DecisionRule;
  /**
   * Now, in the story: the incidents still waiting for a reply were grouped shortly before
   * it (their deadlines are ahead), and what would come after it is left out.
   */
  now: number;
  seed?: number;
}

export interface ReportDraft {
  /** Index in `reports`. */
  key: number;
  reporterOrg: string;
  userId: string;
  createdAt: Date;
  /** The report as filed; its point is jittered around the place... */
  content: ReportContent;
  /** ...and this is the place's own point, for a jitter that fell across the border. */
  placePoint: { lat: number; lon: number };
  correction?: { at: Date; content: ReportContent; note: string; userId: string };
  withdrawal?: { at: Date; reason: string; userId: string };
}

export interface IncidentPlan {
  /** Index in `incidents`. */
  key: number;
  reports: ReportDraft[];
  createdAt: Date;
  deadline: Date;
  groupedBy: string;
}

/** One change, as a user's action would make it, at its (2017) time. */
export type Step =
  | { kind: 'report.filed' | 'report.corrected' | 'report.withdrawn'; at: Date; report: ReportDraft }
  | { kind: 'incident.created'; at: Date; incident: IncidentPlan }
  | { kind: 'incident.replied'; at: Date; incident: IncidentPlan; party: string; text: string; userId: string }
  | {
      kind: 'incident.assessed';
      at: Date;
      incident: IncidentPlan;
      round: number;
      guarantorId: string;
      userId: string;
      verification: Verification;
      attribution: Attribution;
      reasoning: string;
      /** The finding this assessment adopts, exactly as the decision rule adopts it. */
      adopt: { finding: Finding; basis: string[] } | null;
    }
  | { kind: 'finding.reopened'; at: Date; incident: IncidentPlan; reason: string; userId: string };

export interface IncidentsScenario {
  reports: ReportDraft[];
  incidents: IncidentPlan[];
  /** In time order (ties in the order they were made). */
  steps: Step[];
}

const START = Date.UTC(2017, 0, 1);
const DAYS = 90; // 1 January – 31 March 2017
const HOUR = 3_600_000;

type Claim = { reporter: Side | Guarantor; accused: Actor; affected: Side | 'civilians' | 'unknown' };
interface Event {
  reports: ReportDraft[];
  day: number;
  excluded: boolean;
}
const SIDES: readonly Actor[] = ['government', 'north-dawn', 'orontes', 'southern-union'];

export function generateIncidents(input: IncidentsScenarioInput): IncidentsScenario {
  const { count, org, user, excluded: excludedId, replyDeadlineHours, decisionRule } = input;
  const reports: ReportDraft[] = [];
  const incidents: IncidentPlan[] = [];
  const steps: (Step & { seq: number })[] = [];
  if (count <= 0) return { reports, incidents, steps };
  const rng = new Rng(input.seed ?? 20170101);
  const reporterUser = (key: OrgKey) => user(key, rng.chance(0.25) ? 'admin' : 'officer');
  const guarantorIds = GUARANTORS.map(org);

  const byAdm1 = new Map<string, [PlaceRow, number][]>();
  for (const p of input.places) {
    const w = p.capital_level === 1 ? 12 : p.capital_level === 2 ? 6 : p.capital_level === 3 ? 3 : 1;
    byAdm1.set(p.adm1_pcode, [...(byAdm1.get(p.adm1_pcode) ?? []), [p, w]]);
  }
  const governorates = Object.keys(GOVERNORATES).filter((g) => byAdm1.has(g));
  const weekDays = Array.from({ length: DAYS }, (_, d) => [d, WEEK_WEIGHTS[Math.floor(d / 7)]] as const);

  // --- reports, event by event
  const events: Event[] = [];
  const accusedOfReport = new Map<ReportDraft, Actor>();
  while (reports.length < count) {
    const day = rng.weighted(weekDays);
    const week = Math.floor(day / 7);
    const adm1 = rng.weighted(governorates.map((g) => [g, GOVERNORATES[g].weight * governorateBoost(g, week)] as const));
    const g = GOVERNORATES[adm1];
    const place = rng.weighted(byAdm1.get(adm1)!);
    let type = rng.weighted(TYPES);
    const at = new Date(START + day * 24 * HOUR + rng.range(0, 23) * HOUR + rng.range(0, 59) * 60_000);

    // Who fights whom, and who says what.
    const group: Side | null = g.groups.length > 0 ? rng.weighted(g.groups) : null;
    const excluded = group === null || (g.excluded !== null && rng.chance(0.08));
    const unknownPerp = !excluded && rng.chance(0.05);
    let claims: Claim[];
    const friend = (side: Side): Guarantor => (side === 'government' ? (rng.chance(0.7) ? 'russia' : 'iran') : 'turkey');
    if (excluded) {
      const ex = g.excluded ?? 'isil';
      const reporter: Side | Guarantor =
        group && rng.chance(0.3)
          ? group
          : rng.weighted([
              ['government', 6],
              ['russia', 3],
              ['iran', 1],
            ] as const);
      const victim: Side = reporter === group ? group : 'government';
      claims = [{ reporter, accused: ex, affected: rng.chance(0.5) ? victim : 'civilians' }];
      claims.push({ reporter: reporter === 'russia' ? 'government' : 'russia', accused: ex, affected: 'civilians' });
      if (type === 'air-strike') type = 'shelling';
    } else {
      const other: Side = group!;
      const aggressor: Side = type === 'air-strike' ? 'government' : rng.chance(0.55) ? 'government' : other;
      const victim: Side = aggressor === 'government' ? other : 'government';
      const accused: Actor = unknownPerp ? 'unknown' : aggressor;
      const first: Side | Guarantor = rng.chance(0.75) ? victim : friend(victim);
      claims = [
        {
          reporter: first,
          accused,
          affected: rng.weighted([
            [victim, 4],
            ['civilians', 5],
            ['unknown', 1],
          ] as const),
        },
      ];
      if (!unknownPerp && type !== 'air-strike' && rng.chance(0.5)) {
        // The other side tells it the other way round.
        claims.push({ reporter: aggressor, accused: victim, affected: aggressor });
      } else {
        claims.push({ reporter: first === victim ? friend(victim) : victim, accused, affected: rng.chance(0.6) ? 'civilians' : victim });
      }
      const used = new Set(claims.map((c) => c.reporter));
      const third = GUARANTORS.find((x) => !used.has(x) && (x !== 'turkey' || victim !== 'government'));
      if (third) claims.push({ reporter: third, accused, affected: 'civilians' });
    }
    const n = Math.min(
      claims.length,
      rng.weighted([
        [1, 50],
        [2, 35],
        [3, 15],
      ] as const),
      count - reports.length,
    );
    const event: Event = { reports: [], day, excluded };
    for (const claim of claims.slice(0, n)) {
      const d = draftReport(claim, { at, place, type, partner: event.reports.length > 0 });
      accusedOfReport.set(d, claim.accused);
      event.reports.push(d);
      reports.push(d);
    }
    events.push(event);
  }

  function draftReport(claim: Claim, e: { at: Date; place: PlaceRow; type: string; partner: boolean }): ReportDraft {
    const reporter = claim.reporter;
    const isParty = !(GUARANTORS as readonly string[]).includes(reporter);
    const lang: Lang = isParty ? 'ar' : rng.chance(0.3) ? 'en' : ({ russia: 'ru', turkey: 'tr', iran: 'fa' } as const)[reporter as Guarantor];
    const occurred = new Date(e.at.getTime() + (e.partner ? rng.range(-90, 90) * 60_000 : 0));
    const timePrecision: TimePrecision = rng.weighted([
      ['hour', 50],
      ['exact', 18],
      ['day', 17],
      ['approximate', 15],
    ] as const);
    const shown = new Date(occurred);
    if (timePrecision === 'hour' || timePrecision === 'approximate') shown.setUTCMinutes(0, 0, 0);
    // As the report form sends a day without a time: its first moment (UTC), never after the filing.
    if (timePrecision === 'day') shown.setUTCHours(0, 0, 0, 0);
    if (timePrecision === 'exact') shown.setUTCSeconds(0, 0);
    const geoPrecision: GeoPrecision = rng.weighted([
      ['place', 70],
      ['exact', 18],
      ['district', 12],
    ] as const);
    const jitter = geoPrecision === 'exact' ? 0.006 : 0.003;
    const lat = Math.round((e.place.lat + (rng.next() - 0.5) * jitter) * 1e5) / 1e5;
    const lon = Math.round((e.place.lon + (rng.next() - 0.5) * jitter) * 1e5) / 1e5;
    const location =
      geoPrecision === 'district'
        ? { lat, lon, geoPrecision, pcode: e.place.adm2_pcode, placeName: lang === 'ar' ? e.place.adm2_ar : e.place.adm2_en }
        : { lat, lon, geoPrecision, pcode: e.place.pcode, placeName: lang === 'ar' ? e.place.name_ar : e.place.name_en };
    const quiet = NO_CASUALTIES.has(e.type);
    const cnt = (mean: number, unknownP: number) => (rng.chance(unknownP) ? null : quiet ? 0 : rng.count(mean));
    const casualties = { killedCivilian: cnt(0.5, 0.35), killedCombatant: cnt(0.4, 0.5), injuredCivilian: cnt(1.3, 0.3), injuredCombatant: cnt(0.6, 0.5) };
    const accused = claim.accused;
    const allegedPerpetrator: ReportContent['allegedPerpetrator'] =
      accused === 'unknown'
        ? { kind: 'unknown' }
        : accused === 'isil' || accused === 'jfs'
          ? { kind: 'excluded', groupId: excludedId[accused] }
          : { kind: 'party', organisationId: org(accused) };
    const affectedSide: ReportContent['affectedSide'] =
      claim.affected === 'civilians' || claim.affected === 'unknown' ? { kind: claim.affected } : { kind: 'party', organisationId: org(claim.affected) };
    const words: Words = {
      lang,
      place: lang === 'ar' ? e.place.name_ar : e.place.name_en,
      governorate: lang === 'ar' ? e.place.adm1_ar : e.place.adm1_en,
      hour: occurred.getUTCHours() + 2, // Damascus time, roughly
      type: e.type,
      accused,
      reporter,
      cas: casualtyWords(lang, casualties),
    };
    const pool = lang === 'ar' ? SOURCES_AR : SOURCES_EN;
    const sources = Array.from(
      {
        length: rng.weighted([
          [0, 1],
          [1, 5],
          [2, 3],
        ] as const),
      },
      () => {
        const [kind, detail] = rng.pick(pool);
        return { kind, detail };
      },
    );
    const content: ReportContent = {
      occurredAt: shown.toISOString(),
      timePrecision,
      location,
      sealLocation: rng.chance(0.1),
      typeCode: e.type,
      allegedPerpetrator,
      affectedSide,
      casualties,
      description: rng.pick(TEMPLATES[lang])(words).trim(),
      language: lang,
      sources,
      evidence: [],
    };
    const createdAt = new Date(
      occurred.getTime() + (timePrecision === 'approximate' ? rng.range(20, 72) : rng.range(1, 18)) * HOUR + rng.range(0, 59) * 60_000,
    );
    const userId = reporterUser(reporter);
    const draft: ReportDraft = {
      key: reports.length,
      reporterOrg: org(reporter),
      userId,
      createdAt,
      content,
      placePoint: { lat: e.place.lat, lon: e.place.lon },
    };
    if (rng.chance(0.04) && !quiet && casualties.injuredCivilian !== null) {
      const corrected = {
        ...casualties,
        injuredCivilian: casualties.injuredCivilian + rng.range(1, 4),
        killedCivilian: casualties.killedCivilian ?? rng.range(0, 1),
      };
      const note = lang === 'ar' ? 'تحديث حصيلة الضحايا بعد وصول معلومات من النقطة الطبية.' : 'Casualty figures updated after verification.';
      draft.correction = {
        at: new Date(createdAt.getTime() + rng.range(6, 60) * HOUR),
        content: {
          ...content,
          casualties: corrected,
          description: rng
            .pick(TEMPLATES[lang])({ ...words, cas: casualtyWords(lang, corrected) })
            .trim(),
        },
        note,
        userId,
      };
    } else if (rng.chance(0.015)) {
      draft.withdrawal = {
        at: new Date(createdAt.getTime() + rng.range(3, 96) * HOUR),
        reason:
          lang === 'ar' ? rng.pick(['تبين أن البلاغ مكرر لبلاغ سابق.', 'أُرسل البلاغ بالخطأ قبل التحقق من المعلومات.']) : 'Duplicate of an earlier report.',
        userId,
      };
    }
    return draft;
  }

  const push = (step: Step) => steps.push({ ...step, seq: steps.length });
  for (const d of reports) {
    push({ kind: 'report.filed', at: d.createdAt, report: d });
    if (d.correction) push({ kind: 'report.corrected', at: d.correction.at, report: d });
    if (d.withdrawal) push({ kind: 'report.withdrawn', at: d.withdrawal.at, report: d });
  }

  // --- incidents
  const eventOf = new Map<IncidentPlan, Event>();
  const accusedOf = new Map<IncidentPlan, Side[]>();
  const secretariatUser = user('secretariat');
  for (const event of events) {
    // Awaiting grouping: more of them in late March, when the secretariat is behind.
    const pAwaiting = event.day < 31 ? 0.03 : event.day < 59 ? 0.06 : event.day < 80 ? 0.12 : 0.35;
    if (rng.chance(pAwaiting)) continue;
    const members = event.reports.length === 3 && rng.chance(0.1) ? event.reports.slice(0, 2) : event.reports;
    const createdAt = new Date(Math.max(...members.map((r) => r.createdAt.getTime())) + rng.range(4, 48) * HOUR);
    const plan: IncidentPlan = {
      key: incidents.length,
      reports: members,
      createdAt,
      deadline: new Date(createdAt.getTime() + replyDeadlineHours * HOUR),
      groupedBy: '',
    };
    incidents.push(plan);
    eventOf.set(plan, event);
    // The parties the members accuse, in the order the members name them first.
    accusedOf.set(plan, [...new Set(members.map((r) => accusedOfReport.get(r)!).filter((a): a is Side => SIDES.includes(a)))]);
  }
  // The latest incidents wait for the accused's reply: each party's latest first (every party finds one due), then others.
  const byCreation = [...incidents].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const accused = byCreation.filter((p) => accusedOf.get(p)!.length > 0);
  const open = new Set<IncidentPlan>();
  for (const side of SIDES) {
    const latest = accused.find((p) => accusedOf.get(p)!.includes(side as Side));
    if (latest) open.add(latest);
  }
  for (const p of accused) if (open.size < Math.max(2, Math.round(incidents.length / 150))) open.add(p);

  // Every state at least once, then at random (recent incidents are more often still pending).
  const forced = ['corroborated', 'not-corroborated', 'outside-agreement', 'inadmissible', 'disagreement', 'partial', 'none', 'reopened', 'reopened'] as const;
  let forcedAt = 0;
  const candidates = incidents.filter((p) => !open.has(p));
  const order = candidates
    .map((p) => [p, rng.next()] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([p]) => p);
  const modeOf = new Map<IncidentPlan, string>();
  for (const p of order) {
    let mode: string;
    // The forced states go to incidents a month old by now, whose story has had time to play out.
    if (forcedAt < forced.length && p.createdAt.getTime() < input.now - 30 * 24 * HOUR) mode = forced[forcedAt++];
    else {
      const recent = eventOf.get(p)!.day >= 75;
      mode = rng.weighted([
        ['none', recent ? 0.55 : 0.18],
        ['partial', 0.1],
        ['adopted', 0.52],
        ['disagreement', 0.15],
        ['reopened', 0.025],
      ] as const);
      if (mode === 'adopted') mode = naturalVerdict(p);
    }
    modeOf.set(p, mode);
  }

  function naturalVerdict(p: IncidentPlan): Verification {
    if (eventOf.get(p)!.excluded) return rng.chance(0.8) ? 'outside-agreement' : 'corroborated';
    if (p.reports.every((r) => r.withdrawal)) return 'inadmissible';
    return rng.weighted([
      ['corroborated', 0.55],
      ['not-corroborated', 0.2],
      ['outside-agreement', 0.08],
      ['inadmissible', 0.12],
    ] as const);
  }

  function attributionFor(p: IncidentPlan): Attribution {
    const r = rng.next();
    const accused = accusedOf.get(p)!;
    if (accused.length === 0 || r < 0.15) return { kind: 'undetermined' };
    if (r < 0.25) {
      const others = (['government', 'north-dawn', 'orontes', 'southern-union'] as const).filter((o) => !accused.includes(o)).map(org);
      return { kind: 'other-party', organisationId: rng.pick(others) };
    }
    return { kind: 'alleged' };
  }

  for (const p of incidents) {
    const isOpen = open.has(p);
    if (isOpen) {
      // Grouped a day or two before loading, so its deadline (the mechanism's hours after grouping) is still ahead.
      const left = Math.min(rng.range(6, 66), Math.max(1, replyDeadlineHours - 1));
      p.deadline = new Date(input.now + left * HOUR);
      p.createdAt = new Date(p.deadline.getTime() - replyDeadlineHours * HOUR);
    }
    p.groupedBy = rng.chance(0.7) ? secretariatUser : user(rng.pick(GUARANTORS));
    push({ kind: 'incident.created', at: p.createdAt, incident: p });
    if (!isOpen) {
      for (const party of accusedOf.get(p)!) {
        if (!rng.chance(0.45)) continue;
        const at = new Date(p.createdAt.getTime() + rng.range(3, replyDeadlineHours - 2) * HOUR);
        const text = rng.pick(REPLIES);
        push({ kind: 'incident.replied', at, incident: p, party: org(party), text, userId: user(party) });
      }
    }
    const mode = modeOf.get(p);
    if (!mode || mode === 'none') continue;
    const event = eventOf.get(p)!;
    let t = p.deadline.getTime() + rng.range(2, 48) * HOUR;
    const assessments: { round: number; guarantor: Guarantor; verification: Verification; attribution: Attribution; at: Date }[] = [];
    const addRound = (round: number, verdicts: [Guarantor, Verification, Attribution][]) => {
      for (const [guarantor, verification, attribution] of verdicts) {
        t += rng.range(3, 120) * HOUR;
        assessments.push({ round, guarantor, verification, attribution, at: new Date(t) });
      }
    };
    const shuffled = [...GUARANTORS]
      .map((x) => [x, rng.next()] as const)
      .sort((a, b) => a[1] - b[1])
      .map(([x]) => x);
    if (mode === 'partial') {
      const v = naturalVerdict(p);
      const a = attributionFor(p);
      addRound(
        1,
        shuffled.slice(0, rng.range(1, 2)).map((g) => [g, v, a]),
      );
    } else if (mode === 'disagreement') {
      // Typically the guarantors close to the accused see it differently.
      const v = event.excluded ? 'outside-agreement' : 'corroborated';
      const a = attributionFor(p);
      const dissent: Verification = v === 'corroborated' ? rng.pick(['not-corroborated', 'inadmissible'] as const) : 'corroborated';
      const govAccused = accusedOf.get(p)!.includes('government');
      const dissenter: Guarantor = govAccused ? rng.pick(['russia', 'iran'] as const) : 'turkey';
      const verdicts: [Guarantor, Verification, Attribution][] = shuffled.map((g) => (g === dissenter ? [g, dissent, { kind: 'undetermined' }] : [g, v, a]));
      addRound(1, rng.chance(0.3) ? verdicts.filter((x) => x[0] === dissenter || x[0] === shuffled.find((g) => g !== dissenter)) : verdicts);
    } else if (mode === 'reopened') {
      const v = naturalVerdict(p);
      const a = attributionFor(p);
      addRound(
        1,
        shuffled.map((g) => [g, v, a]),
      );
      // Reopened some days after the finding; round 2 may already be decided, or not yet.
      const reopenAt = new Date(t + rng.range(3, 15) * 24 * HOUR);
      const reason = rng.pick(REOPEN_REASONS);
      push({ kind: 'finding.reopened', at: reopenAt, incident: p, reason, userId: user('secretariat', 'admin') });
      t = reopenAt.getTime();
      const v2: Verification = v === 'corroborated' ? 'not-corroborated' : 'corroborated';
      const a2 = attributionFor(p);
      addRound(
        2,
        shuffled.slice(0, rng.range(0, 3)).map((g) => [g, v2, a2]),
      );
    } else {
      const v = mode as Verification;
      const a = attributionFor(p);
      addRound(
        1,
        shuffled.map((g) => [g, v, a]),
      );
    }
    // Adopt findings exactly as assess() does: after each assessment, apply the rule.
    const adopted = new Set<number>();
    for (const [i, a] of assessments.entries()) {
      const inRound = assessments.slice(0, i + 1).filter((x) => x.round === a.round);
      const decision = decide(
        decisionRule,
        guarantorIds,
        inRound.map((x) => ({ guarantorId: org(x.guarantor), verification: x.verification, attribution: x.attribution }) satisfies Assessment),
      );
      const adopt = !adopted.has(a.round) && decision.status === 'adopted' ? { finding: decision.finding, basis: decision.basis } : null;
      if (adopt) adopted.add(a.round);
      const reasoning = rng.pick(REASONING[a.verification]);
      push({
        kind: 'incident.assessed',
        at: a.at,
        incident: p,
        round: a.round,
        guarantorId: org(a.guarantor),
        userId: user(a.guarantor),
        verification: a.verification,
        attribution: a.attribution,
        reasoning,
        adopt,
      });
    }
  }

  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  // What would happen after now has not happened yet: those assessments are still awaited.
  return { reports, incidents, steps: steps.filter((s) => s.at.getTime() <= input.now) };
}
