import { sql } from 'kysely';
import type { ReportContent } from '@truce/core/reports/model';
import { headerColumns, publicFacts } from '../reports/index.ts';
import type { AuditCheck } from './check.ts';
import { compareWithEntry, differs } from './compare.ts';
import { entriesOfTypes, indexBy } from './entries.ts';

const PAGE = 2000;
const H3_COLUMNS = ['h3_r5', 'h3_r6', 'h3_r7', 'h3_shown_r5', 'h3_shown_r6', 'h3_shown_r7'] as const;
type Areas = { adm1?: { pcode: string } | null; adm2?: { pcode: string } | null };
const NO_FLAGS = { outsideZones: false, outsideDates: false };
const withoutFlags = ({ flags: _flags, ...facts }: ReturnType<typeof publicFacts>) => facts;

/**
 * Reports (C2): every version's content against the commitment its filing or correction
 * made, the public facts the entry carries, the report's header columns (what lists,
 * the dashboard and the map read) against the current version, and a withdrawal's
 * reason against its entry.
 */
export const reportsCheck: AuditCheck = {
  name: 'reports',
  async run({ db }, found) {
    const versions = indexBy(await entriesOfTypes(db, ['report.filed', 'report.corrected']), (e) => `${e.subject.report}/${e.data.version}`);
    const withdrawals = indexBy(await entriesOfTypes(db, ['report.withdrawn']), (e) => e.subject.report);
    let checkedVersions = 0;
    let checkedReports = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    const seen = new Set<string>();
    for (;;) {
      const reports = await db
        .selectFrom('reports')
        .selectAll()
        // H3 cells are 64-bit: read as text, as they are written, not as lossy numbers.
        .select(H3_COLUMNS.map((c) => sql<string | null>`${sql.ref(c)}::text`.as(c)))
        .where('id', '>', after)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      if (reports.length === 0) break;
      after = reports[reports.length - 1].id;
      const rows = await db
        .selectFrom('report_versions')
        .select(['report_id', 'version', 'content', 'areas', 'change_note'])
        .where(
          'report_id',
          'in',
          reports.map((r) => r.id),
        )
        .orderBy('report_id')
        .orderBy('version')
        .execute();
      const byReport = new Map<string, typeof rows>();
      for (const r of rows) byReport.set(r.report_id, [...(byReport.get(r.report_id) ?? []), r]);
      for (const report of reports) {
        checkedReports++;
        seen.add(report.id);
        const own = byReport.get(report.id) ?? [];
        for (const v of own) {
          checkedVersions++;
          const content = v.content as ReportContent;
          const areas = v.areas as Areas;
          const entry = versions.get(`${report.id}/${v.version}`);
          found(
            compareWithEntry('report_version', `${report.id}/v${v.version}`, entry, {
              // The public facts the filing wrote, but the flags: those are the entry's own judgement.
              data: withoutFlags(publicFacts(content, NO_FLAGS, areas as never, v.version)),
              sealed: { content, changeNote: v.version > 1 ? v.change_note : undefined },
              organisation: v.version === 1 ? report.reporter_org : undefined,
            }),
          );
        }
        // The header is derived from the current version: a change to it alone is caught here.
        const current = own.find((v) => v.version === report.current_version);
        const latest = own.at(-1)?.version ?? 0;
        const first = versions.get(`${report.id}/1`);
        if (!first) found(compareWithEntry('report', report.id, undefined, {}));
        found(differs('report', report.id, 'current_version', report.current_version, latest, versions.get(`${report.id}/${latest}`)?.idx ?? null));
        if (current) {
          const entry = versions.get(`${report.id}/${current.version}`);
          const flags = (entry?.data.flags ?? { outsideZones: report.outside_zones, outsideDates: report.outside_dates }) as {
            outsideZones: boolean;
            outsideDates: boolean;
          };
          const derived = headerColumns(current.content as ReportContent, flags, current.areas as never) as Record<string, unknown>;
          for (const [column, value] of Object.entries(derived)) {
            found(differs('report', report.id, column, (report as Record<string, unknown>)[column], value, entry?.idx ?? null));
          }
        }
        const withdrawal = withdrawals.get(report.id);
        if (withdrawal || report.withdrawn_at !== null) {
          found(compareWithEntry('report', report.id, withdrawal, { sealed: { reason: report.withdrawn_reason ?? undefined } }));
          if (withdrawal && report.withdrawn_at === null)
            found([
              {
                kind: 'report',
                id: report.id,
                field: 'withdrawn_at',
                logIndex: withdrawal.idx,
                message: `the report is served as not withdrawn, but log entry ${withdrawal.idx} withdrew it`,
              },
            ]);
        }
      }
      if (reports.length < PAGE) break;
    }
    // Reports the log filed that are no longer stored (deleted behind the log's back).
    for (const [key, entry] of versions) {
      const [report, version] = key.split('/');
      if (version === '1' && !seen.has(report))
        found([{ kind: 'report', id: report, field: '*', logIndex: entry.idx, message: `log entry ${entry.idx} filed this report, but it is not stored` }]);
    }
    return { report: checkedReports, report_version: checkedVersions };
  },
};
