import type { ReportContent } from '@truce/core/reports/model';
import { publicFacts } from '../../reports/index.ts';
import { compare, enc, sealed, type Checker } from './common.ts';

// What presentReport (reports/present.ts) and listReportVersions (reports/list-report-versions.ts) add around a
// version's stored content; the rest is the content as filed.
const PRESENTATION = ['id', 'version', 'reporterOrganisationId', 'filedAt', 'updatedAt', 'changeNote', 'flags', 'withdrawn', 'areas', 'sealed', 'createdBy'];

/** A report version (filed or corrected): versions are kept, so the one the entry wrote is served as it was. */
const version: Checker = async (c) => {
  const id = c.entry.subject?.report ?? '';
  const n = Number(c.entry.data?.version);
  const item = `report ${id} v${n}`;
  const { versions } = (await c.api.json(`/api/reports/${enc(id)}/versions`)) as { versions: Array<Record<string, unknown>> };
  const served = versions.find((v) => v.version === n);
  if (!served) return c.diverges(item, '*', 'this version is not served');
  const content = Object.fromEntries(Object.entries(served).filter(([k]) => !PRESENTATION.includes(k))) as unknown as ReportContent;
  // Public facts: recomputed from what is served, the flags being the entry's own judgement.
  const { flags: _f, ...facts } = publicFacts(content, { outsideZones: false, outsideDates: false }, served.areas as never, n);
  for (const [field, value] of Object.entries(facts)) compare(c, item, field, c.entry.data?.[field], value);
  if (n === 1 && c.entry.actor) compare(c, `report ${id}`, 'reporterOrganisationId', c.entry.actor.organisation, served.reporterOrganisationId);
  sealed(c, item, 'content', content);
  if (n > 1) sealed(c, item, 'changeNote', served.changeNote);
};

const withdrawal: Checker = async (c) => {
  const id = c.entry.subject?.report ?? '';
  const report = (await c.api.json(`/api/reports/${enc(id)}`)) as { withdrawn: { reason: string } | null };
  if (!report.withdrawn) return c.diverges(`report ${id}`, 'withdrawn', 'served as not withdrawn, but the entry withdrew it');
  sealed(c, `report ${id}`, 'reason', report.withdrawn.reason);
};

export const reportCheckers: Record<string, Checker> = { 'report.filed': version, 'report.corrected': version, 'report.withdrawn': withdrawal };
