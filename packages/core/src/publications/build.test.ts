import { describe, expect, it } from 'vitest';
import { DOCUMENT_LANGUAGES } from '../documents/model.ts';
import { renderHtml } from '../documents/html.ts';
import { parseCsv } from '../exports/csv.ts';
import { trend } from '../dashboard/trend.ts';
import { annexCsv, buildPublication } from './build.ts';
import { LISTED_FINDINGS, type PublicationData } from './figures.ts';
import { choroplethSvg, shapesOf } from './map.ts';
import { publicationText } from './text.ts';

const square = (x: number, y: number) => [
  [
    [x, y],
    [x + 1, y],
    [x + 1, y + 1],
    [x, y + 1],
    [x, y],
  ],
];
const shapes = shapesOf({
  features: [
    { properties: { pcode: 'SY02' }, geometry: { type: 'Polygon', coordinates: square(37, 36) } },
    { properties: { pcode: 'SY07' }, geometry: { type: 'MultiPolygon', coordinates: [square(36, 35.5)] } },
    { properties: {}, geometry: { type: 'Polygon', coordinates: square(0, 0) } },
  ],
});

function data(findings: number, kind: 'un' | 'issg' = 'un'): PublicationData {
  const rows = Array.from({ length: findings }, (_, i) => ({
    incidentId: `0190c0de-0000-7000-8000-${String(i).padStart(12, '0')}`,
    adoptedOn: '2017-02-10',
    occurredOn: '2017-02-01',
    pcode: 'SY02',
    verification: 'corroborated',
    reports: 2,
    summary: i === 0 ? '=HYPERLINK("x") قصف على السوق' : 'Shelling near the market.',
  }));
  return {
    kind,
    mechanism: { name: 'Test mechanism', supportGroup: 'International Syria Support Group' },
    checkpoint: { origin: 'truce/test', size: 42, rootHash: 'A'.repeat(43) + '=' },
    violations: {
      period: { from: '2017-01-01', to: '2017-03-31', days: 90 },
      previousPeriod: { from: '2016-10-03', to: '2016-12-31', days: 90 },
      reports: trend(12, 8),
      incidents: trend(7, 0),
      casualties: { killed: { civilian: 3, combatant: 1, unknownCount: 2 }, injured: { civilian: 5, combatant: 0, unknownCount: 2 } },
      byType: [{ code: 'shelling', label: 'Shelling', reports: 12, incidents: 7 }],
      byGovernorate: [
        { pcode: 'SY02', reports: 9, incidents: 5 },
        { pcode: null, reports: 3, incidents: 2 },
      ],
      byParty: [{ partyId: null, name: null, reports: 12, incidents: 7 }],
      byWeek: [{ week: '2017-01-02', reports: 12, incidents: 7 }],
      findings: { total: findings, byVerification: findings ? [{ verification: 'corroborated', count: findings }] : [], rows },
    },
    ...(kind === 'issg'
      ? {
          briefing: {
            agreements: [{ title: 'Ceasefire of 29 December', effectiveFrom: '2016-12-30', effectiveTo: null }],
            excludedGroups: 2,
            exchanges: { proposed: 1, completed: 1, byStatus: [{ status: 'completed', count: 1 }], releasedByCategory: [{ category: 'civilian', count: 4 }] },
            decisions: { shared: [{ number: 1, meeting: 'Round 3', adoptedOn: '2017-03-14', text: 'Exchange of 4 civilians.' }], notShared: 2 },
            open: { repliesDue: 1, noReply: 2, assessmentsMissing: 3, disagreements: 1 },
          },
        }
      : {}),
    governorates: { SY02: { en: 'Aleppo', ar: 'حلب' }, SY07: { en: 'Idleb', ar: 'إدلب' } },
  };
}

describe('publications', () => {
  it('builds both documents in every language, with the checkpoint and the draft mark', () => {
    for (const language of DOCUMENT_LANGUAGES) {
      for (const kind of ['un', 'issg'] as const) {
        const doc = buildPublication(data(3, kind), { language, issued: '2017-04-02', version: null, shapes });
        expect(doc.meta.version).toBe(publicationText(language).draft);
        expect(doc.meta.checkpoint.size).toBe(42);
        const html = renderHtml(doc);
        expect(html).toContain(publicationText(language).methodology);
        expect(html).toContain(kind === 'un' ? publicationText(language).unTitle : publicationText(language).issgTitle);
        // The UN report's map is drawn from UNCS/OCHA boundaries, whose licence asks for their attribution.
        if (kind === 'un') expect(html).toContain('CC BY-IGO');
      }
    }
  });

  it('lists the first findings and points to the annex for the rest', () => {
    const doc = buildPublication(data(LISTED_FINDINGS + 5), { language: 'en', issued: '2017-04-02', version: 2, shapes });
    const list = doc.blocks.find((b) => b.kind === 'list' && b.ordered);
    expect(list && list.kind === 'list' && list.items.length).toBe(LISTED_FINDINGS);
    expect(JSON.stringify(doc.blocks)).toContain('… and 5 more findings: see the data annex');
    expect(doc.meta.version).toBe('2');
  });

  it('draws a choropleth of the governorates with counts, and no script', () => {
    const svg = choroplethSvg(shapes, { counts: new Map([['SY02', 9]]), name: (p) => (p === 'SY02' ? 'Aleppo <x>' : 'Idleb'), num: String, legend: 'reports' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain('Aleppo &lt;x&gt;');
    expect(svg).not.toMatch(/<script|font-family/);
  });

  it('writes the annex as tidy CSV with HXL hashtags, formulas neutralised', () => {
    const rows = parseCsv(annexCsv(data(2, 'issg'), 'en'));
    expect(rows[0]).toEqual(['section', 'key', 'label', 'measure', 'value']);
    expect(rows[1][0]).toBe('#meta+section');
    expect(rows).toContainEqual(['totals', 'reports', 'Reports', 'current', '12']);
    expect(rows).toContainEqual(['governorate', '', 'Not located', 'reports', '3']);
    expect(rows).toContainEqual(['released', 'civilian', 'Civilians', 'persons', '4']);
    expect(rows.find((r) => r[0] === 'finding')?.[2]).toBe('\'=HYPERLINK("x") قصف على السوق');
  });
});
