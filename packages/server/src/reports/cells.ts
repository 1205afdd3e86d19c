import { cellToDecimal, reportCells } from '@truce/core/geo/cells';
import type { ReportContent } from '@truce/core/reports/model';

/**
 * The header columns of a report's hexagonal cells (migration 0011): the exact place's
 * H3 cells at resolutions 5–7, and when the place is sealed the cells of the rounded
 * place that readers without `report.read.sealed` are shown (null otherwise).
 */
export function cellColumns(content: { location: Pick<ReportContent['location'], 'lat' | 'lon'>; sealLocation?: boolean }) {
  const { exact, shown } = reportCells(content.location, content.sealLocation === true);
  const n = (c: string | undefined) => (c === undefined ? null : cellToDecimal(c));
  return {
    h3_r5: n(exact[5]),
    h3_r6: n(exact[6]),
    h3_r7: n(exact[7]),
    h3_shown_r5: n(shown?.[5]),
    h3_shown_r6: n(shown?.[6]),
    h3_shown_r7: n(shown?.[7]),
  };
}
