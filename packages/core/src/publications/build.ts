import {
  createDocument,
  directionOf,
  defaultNumerals,
  type Block,
  type Document,
  type DocumentLanguage,
  type KeyFigure,
  type RichText,
} from '../documents/model.ts';
import { formatNumber, localDigits } from '../documents/format.ts';
import { toCsv, type Cell } from '../exports/csv.ts';
import type { Trend } from '../dashboard/trend.ts';
import { LISTED_FINDINGS, type PublicationData } from './figures.ts';
import { choroplethSvg, type AreaShape } from './map.ts';
import { fill, governorateName, publicationText, type PublicationText } from './text.ts';

/**
 * Publication figures → a document (documents/model.ts) in one of the five languages: the
 * violation report to the United Nations, or the progress briefing for the support group
 * (C8). Pure: the same figures give the same document, so an issued document can be
 * rebuilt and compared.
 */
export interface BuildOptions {
  language: DocumentLanguage;
  /** YYYY-MM-DD */
  issued: string;
  /** A version number, or null for a draft (not issued). */
  version: number | null;
  /** Governorate outlines for the map; no map without them. */
  shapes?: readonly AreaShape[];
}

/** Summaries are cut at this many characters in the document (the annex has them as cut there too). */
export const SUMMARY_CHARS = 240;

export function buildPublication(data: PublicationData, o: BuildOptions): Document {
  const t = publicationText(o.language);
  const numerals = defaultNumerals(o.language);
  const num = (n: number) => formatNumber(n, o.language, numerals);
  const day = (d: string) => localDigits(d, o.language, numerals);
  const v = data.violations;
  const rtl = directionOf(o.language) === 'rtl';
  // User text in a left-to-right script inside a right-to-left document is one run, so its punctuation stays put.
  const userText = (text: string) => ({ text, ltr: rtl && !/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.test(text) });
  const gname = (pcode: string | null) => (pcode ? governorateName(pcode, data.governorates[pcode], o.language) : t.unknownPlace);
  const changeText = (tr: Trend) => {
    if (tr.change === null) return t.newSince;
    if (tr.change === 0) return t.noChange;
    const sign = tr.change > 0 ? '+' : '−';
    return fill(t.change, { change: `${sign}${num(Math.abs(tr.change))} %` });
  };
  const trendOf = (template: string, tr: Trend) => fill(template, { current: num(tr.current), previous: num(tr.previous), change: changeText(tr) });
  const killed = v.casualties.killed.civilian + v.casualties.killed.combatant;
  const injured = v.casualties.injured.civilian + v.casualties.injured.combatant;

  const blocks: Block[] = [];
  const heading = (text: string, level: 1 | 2 = 1) => blocks.push({ kind: 'heading', level, text });
  const para = (text: RichText) => blocks.push({ kind: 'paragraph', text });
  const keyFigures = (items: KeyFigure[]) => blocks.push({ kind: 'figures', items });

  const weekTable = () =>
    blocks.push({
      kind: 'table',
      caption: t.byWeek,
      columns: [{ label: t.week }, { label: t.reports, numeric: true }, { label: t.incidents, numeric: true }],
      rows: v.byWeek.map((w) => [day(w.week), w.reports, w.incidents]),
      footer: [t.total, v.reports.current, v.incidents.current],
    });
  const trendSection = () => {
    heading(t.trendHeading);
    para(trendOf(t.trendReports, v.reports));
    para(trendOf(t.trendIncidents, v.incidents));
    para(`${t.previousPeriod}: ${day(v.previousPeriod.from)} – ${day(v.previousPeriod.to)}`);
    if (v.byWeek.length > 0) weekTable();
  };
  const methodology = () => {
    heading(t.methodology);
    for (const p of t.methodologyText) para(p);
    blocks.push({ kind: 'note', text: t.checkpointNote });
  };

  if (data.kind === 'un') {
    heading(t.summary);
    para(fill(t.summaryText, { reports: num(v.reports.current), incidents: num(v.incidents.current), findings: num(v.findings.total) }));
    keyFigures([
      { label: t.reports, value: v.reports.current, detail: changeText(v.reports) },
      { label: t.incidents, value: v.incidents.current, detail: changeText(v.incidents) },
      { label: t.killed, value: killed, detail: `${t.civilians} ${num(v.casualties.killed.civilian)} · ${t.combatants} ${num(v.casualties.killed.combatant)}` },
      {
        label: t.injured,
        value: injured,
        detail: `${t.civilians} ${num(v.casualties.injured.civilian)} · ${t.combatants} ${num(v.casualties.injured.combatant)}`,
      },
      { label: t.findingsAdopted, value: v.findings.total },
    ]);
    trendSection();

    heading(t.casualties);
    blocks.push({
      kind: 'table',
      columns: [{ label: '' }, { label: t.killed, numeric: true }, { label: t.injured, numeric: true }],
      rows: [
        [t.civilians, v.casualties.killed.civilian, v.casualties.injured.civilian],
        [t.combatants, v.casualties.killed.combatant, v.casualties.injured.combatant],
      ],
      footer: [t.total, killed, injured],
    });
    blocks.push({ kind: 'note', text: fill(t.casualtiesUnknown, { n: num(Math.max(v.casualties.killed.unknownCount, v.casualties.injured.unknownCount)) }) });

    heading(t.byType);
    blocks.push({
      kind: 'table',
      columns: [{ label: t.type }, { label: t.reports, numeric: true }, { label: t.incidents, numeric: true }],
      rows: v.byType.map((r) => [r.label, r.reports, r.incidents]),
      footer: [t.total, v.reports.current, v.incidents.current],
    });

    heading(t.byGovernorate);
    blocks.push({
      kind: 'table',
      columns: [{ label: t.governorate }, { label: t.reports, numeric: true }, { label: t.incidents, numeric: true }],
      rows: v.byGovernorate.map((r) => [gname(r.pcode), r.reports, r.incidents]),
      footer: [t.total, v.reports.current, v.incidents.current],
    });
    if (o.shapes && o.shapes.length > 0) {
      heading(t.map, 2);
      const counts = new Map(v.byGovernorate.filter((g) => g.pcode).map((g) => [g.pcode!, g.reports]));
      const svg = choroplethSvg(o.shapes, { counts, name: (p) => gname(p), num, legend: t.mapLegend, rtl });
      blocks.push({
        kind: 'figure',
        svg,
        caption: t.mapCaption,
        alt: v.byGovernorate.map((g) => `${gname(g.pcode)} ${num(g.reports)}`).join(', ') || t.mapCaption,
        width: 0.9,
      });
      blocks.push({ kind: 'note', text: t.mapSource });
    }

    heading(t.byParty);
    blocks.push({
      kind: 'table',
      columns: [{ label: t.party }, { label: t.reports, numeric: true }, { label: t.incidents, numeric: true }],
      rows: v.byParty.map((r) => [r.name ?? t.notStated, r.reports, r.incidents]),
      footer: [t.total, v.reports.current, v.incidents.current],
    });

    heading(t.findings);
    if (v.findings.total === 0) para(t.noFindings);
    else {
      para(t.findingsIntro);
      blocks.push({
        kind: 'table',
        columns: [{ label: t.finding }, { label: t.incidents, numeric: true }],
        rows: v.findings.byVerification.map((f) => [t.verification[f.verification] ?? f.verification, f.count]),
        footer: [t.total, v.findings.total],
      });
      const listed = v.findings.rows.slice(0, LISTED_FINDINGS);
      // A list, not a table: the summaries need the full width (table columns share it evenly).
      blocks.push({
        kind: 'list',
        ordered: true,
        items: listed.map(
          (f): RichText => [
            ...(f.occurredOn
              ? [
                  { text: day(f.occurredOn), ltr: true, strong: true },
                  { text: ' · ', strong: true },
                ]
              : []),
            { text: `${gname(f.pcode)} · ${t.verification[f.verification] ?? f.verification}`, strong: true },
            ` (${t.adopted} `,
            { text: day(f.adoptedOn), ltr: true },
            '): ',
            userText(f.summary),
          ],
        ),
      });
      if (v.findings.total > listed.length) blocks.push({ kind: 'note', text: fill(t.andMore, { n: num(v.findings.total - listed.length) }) });
    }
    methodology();
  } else {
    const b = data.briefing;
    if (!b) throw new Error('the briefing figures are missing');
    heading(t.status);
    blocks.push({
      kind: 'list',
      items:
        b.agreements.length === 0
          ? [t.noAgreement]
          : b.agreements.map((a) =>
              fill(a.effectiveTo ? t.agreementEnded : t.agreementInForce, {
                title: a.title,
                from: day(a.effectiveFrom),
                to: a.effectiveTo ? day(a.effectiveTo) : '',
              }),
            ),
    });
    if (b.excludedGroups > 0) para(fill(t.excludedGroups, { n: num(b.excludedGroups) }));
    keyFigures([
      { label: t.reports, value: v.reports.current, detail: changeText(v.reports) },
      { label: t.incidents, value: v.incidents.current, detail: changeText(v.incidents) },
      { label: t.findingsAdopted, value: v.findings.total },
      { label: t.killed, value: killed },
      { label: t.injured, value: injured },
    ]);
    trendSection();

    heading(t.exchanges);
    const released = b.exchanges.releasedByCategory.reduce((a, r) => a + r.count, 0);
    keyFigures([
      { label: t.exchangesProposed, value: b.exchanges.proposed },
      { label: t.exchangesCompleted, value: b.exchanges.completed },
      { label: t.personsReleased, value: released },
    ]);
    if (released === 0) para(t.noReleases);
    else
      blocks.push({
        kind: 'table',
        caption: t.personsReleased,
        columns: [{ label: t.category }, { label: t.persons, numeric: true }],
        rows: b.exchanges.releasedByCategory.map((r) => [t.categories[r.category] ?? r.category, r.count]),
        footer: [t.total, released],
      });
    if (b.exchanges.byStatus.length > 0)
      blocks.push({
        kind: 'table',
        caption: t.exchanges,
        columns: [{ label: '' }, { label: t.exchanges, numeric: true }],
        rows: b.exchanges.byStatus.map((s) => [t.exchangeStatus[s.status] ?? s.status, s.count]),
      });

    heading(t.decisions);
    if (b.decisions === null) para(t.decisionsUnavailable);
    else {
      if (b.decisions.shared.length === 0) para(t.noDecisions);
      else
        blocks.push({
          kind: 'list',
          items: b.decisions.shared.map(
            (d): RichText => [
              { ...userText(d.meeting), strong: true },
              { text: ' · ', strong: true },
              { text: day(d.adoptedOn), ltr: true, strong: true },
              ': ',
              userText(d.text),
            ],
          ),
        });
      if (b.decisions.notShared > 0) blocks.push({ kind: 'note', text: fill(t.decisionsNotShared, { n: num(b.decisions.notShared) }) });
    }

    heading(t.openIssues);
    para(t.openIssuesText);
    keyFigures([
      { label: t.repliesOverdue, value: b.open.noReply },
      { label: t.repliesDue, value: b.open.repliesDue },
      { label: t.assessmentsMissing, value: b.open.assessmentsMissing },
      { label: t.disputed, value: b.open.disagreements },
    ]);
    methodology();
  }

  return createDocument({
    language: o.language,
    title: data.kind === 'un' ? t.unTitle : t.issgTitle,
    subtitle: data.kind === 'un' ? t.unSubtitle : fill(t.issgSubtitle, { group: data.mechanism.supportGroup }),
    meta: {
      mechanism: data.mechanism.name,
      period: { from: v.period.from, to: v.period.to },
      issued: o.issued,
      version: o.version === null ? t.draft : String(o.version),
      checkpoint: { origin: data.checkpoint.origin, size: data.checkpoint.size, rootHash: data.checkpoint.rootHash },
    },
    blocks,
  });
}

/** The figures as one tidy CSV: section, key, label, measure, value (every number one row); HXL hashtags on the second line. */
export function annexCsv(data: PublicationData, language: DocumentLanguage): string {
  const t = publicationText(language);
  const v = data.violations;
  const rows: Cell[][] = [['#meta+section', '#meta+id', '#meta+label', '#indicator+name', '#indicator+value']];
  const add = (section: string, key: string, label: string, measures: Record<string, Cell>) => {
    for (const [m, value] of Object.entries(measures)) rows.push([section, key, label, m, value]);
  };
  add('checkpoint', data.checkpoint.origin, '', { size: data.checkpoint.size, root_hash: data.checkpoint.rootHash });
  add('period', 'current', '', { from: v.period.from, to: v.period.to, days: v.period.days });
  add('period', 'previous', '', { from: v.previousPeriod.from, to: v.previousPeriod.to });
  add('totals', 'reports', t.reports, { current: v.reports.current, previous: v.reports.previous, change_percent: v.reports.change });
  add('totals', 'incidents', t.incidents, { current: v.incidents.current, previous: v.incidents.previous, change_percent: v.incidents.change });
  add('casualties', 'killed', t.killed, {
    civilian: v.casualties.killed.civilian,
    combatant: v.casualties.killed.combatant,
    reports_without_full_count: v.casualties.killed.unknownCount,
  });
  add('casualties', 'injured', t.injured, {
    civilian: v.casualties.injured.civilian,
    combatant: v.casualties.injured.combatant,
    reports_without_full_count: v.casualties.injured.unknownCount,
  });
  for (const r of v.byType) add('type', r.code, r.label, { reports: r.reports, incidents: r.incidents });
  for (const r of v.byGovernorate)
    add('governorate', r.pcode ?? '', r.pcode ? governorateName(r.pcode, data.governorates[r.pcode], language) : t.unknownPlace, {
      reports: r.reports,
      incidents: r.incidents,
    });
  for (const r of v.byParty) add('party', r.partyId ?? '', r.name ?? t.notStated, { reports: r.reports, incidents: r.incidents });
  for (const r of v.byWeek) add('week', r.week, '', { reports: r.reports, incidents: r.incidents });
  for (const r of v.findings.byVerification) add('findings', r.verification, t.verification[r.verification] ?? r.verification, { incidents: r.count });
  for (const f of v.findings.rows)
    add('finding', f.incidentId, f.summary, {
      verification: f.verification,
      adopted_on: f.adoptedOn,
      occurred_on: f.occurredOn,
      governorate: f.pcode,
      reports: f.reports,
    });
  const b = data.briefing;
  if (b) {
    add('exchanges', 'period', t.exchanges, { proposed: b.exchanges.proposed, completed: b.exchanges.completed });
    for (const s of b.exchanges.byStatus) add('exchange_status', s.status, t.exchangeStatus[s.status] ?? s.status, { exchanges: s.count });
    for (const r of b.exchanges.releasedByCategory) add('released', r.category, t.categories[r.category] ?? r.category, { persons: r.count });
    if (b.decisions) {
      for (const d of b.decisions.shared) add('decision', String(d.number), d.text, { meeting: d.meeting, adopted_on: d.adoptedOn });
      add('decisions', 'not_shared', '', { count: b.decisions.notShared });
    }
    add('open', 'incidents', t.openIssues, {
      replies_overdue: b.open.noReply,
      replies_due: b.open.repliesDue,
      assessments_missing: b.open.assessmentsMissing,
      disputed: b.open.disagreements,
    });
  }
  return toCsv(['section', 'key', 'label', 'measure', 'value'], rows);
}
