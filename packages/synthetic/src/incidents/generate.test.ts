import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlacesTsv } from '@truce/core/geo/index';
import { generateIncidents, type IncidentsScenarioInput, type OrgKey } from './generate.ts';

const places = parsePlacesTsv(fs.readFileSync(path.resolve(__dirname, '../../../server/data/geo/syr_populated_places.tsv'), 'utf8'));
const input = (count: number, seed?: number): IncidentsScenarioInput => ({
  count,
  places,
  org: (key: OrgKey) => `org-${key}`,
  user: (key: OrgKey, role = 'officer') => `user-${key}-${role}`,
  excluded: { isil: 'group-isil', jfs: 'group-jfs' },
  replyDeadlineHours: 72,
  decisionRule: 'consensus',
  now: Date.UTC(2017, 5, 1),
  seed,
});
const plain = (s: ReturnType<typeof generateIncidents>) =>
  JSON.stringify(s.steps.map((x) => ({ ...x, report: 'report' in x ? x.report.key : undefined, incident: 'incident' in x ? x.incident.key : undefined })));

describe('the demo incidents scenario', () => {
  it('is the same for the same seed and another for another seed', () => {
    const a = generateIncidents(input(120));
    expect(plain(generateIncidents(input(120)))).toBe(plain(a));
    expect(plain(generateIncidents(input(120, 7)))).not.toBe(plain(a));
  });

  it('files the reports asked for in early 2017, groups them, and puts every step in time order', () => {
    const s = generateIncidents(input(200));
    expect(s.reports).toHaveLength(200);
    expect(s.steps.filter((x) => x.kind === 'report.filed')).toHaveLength(200);
    expect(s.steps.filter((x) => x.kind === 'incident.created')).toHaveLength(s.incidents.length);
    expect(s.incidents.length).toBeGreaterThan(50);
    for (const r of s.reports) expect(r.content.occurredAt.slice(0, 7)).toMatch(/^2017-0[1-3]$/);
    const times = s.steps.map((x) => x.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const i of s.incidents) for (const r of i.reports) expect(r.createdAt.getTime()).toBeLessThanOrEqual(i.createdAt.getTime());
    const kinds = new Set(s.steps.map((x) => x.kind));
    for (const k of ['incident.replied', 'incident.assessed', 'finding.reopened'] as const) expect(kinds).toContain(k);
    expect(s.steps.some((x) => x.kind === 'incident.assessed' && x.adopt)).toBe(true);
  });

  it('makes nothing for no reports', () => {
    expect(generateIncidents(input(0))).toEqual({ reports: [], incidents: [], steps: [] });
  });
});
