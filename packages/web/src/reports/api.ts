import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { ReportContent } from '@truce/core/reports/model';
import type { Report, ReportList, ReportVersions } from '@truce/server/schemas/reports';
import { get, post } from '../api/client.ts';

/** Violation reports (C2) as the API answers them (packages/server/src/reports/schema.ts). */

export type { ReportContent };
export type { Report, ReportLogEntries, ReportVersion } from '@truce/server/schemas/reports';

export interface ReportFilter {
  from?: string;
  to?: string;
  type?: string;
  allegedParty?: string;
  governorate?: string;
  /** 'true': only reports in no incident yet. */
  ungrouped?: string;
}

export const PAGE = 50;
export const REPORTS = ['reports'] as const;
export const reportKey = (id: string) => ['reports', 'one', id] as const;
export const versionsKey = (id: string) => ['reports', 'versions', id] as const;

export function reportsUrl(filter: ReportFilter, cursor?: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
  if (cursor) q.set('cursor', cursor);
  q.set('limit', String(PAGE));
  return `/api/reports?${q}`;
}

/** Reports newest first, fifty at a time, with how many match in all; the next page follows the server's `next`. */
export function useReports(filter: ReportFilter) {
  return useInfiniteQuery({
    queryKey: [...REPORTS, 'list', filter],
    queryFn: ({ pageParam }) => get<ReportList>(reportsUrl(filter, pageParam)),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

/** The governorates by name, for the filter (GET /api/geo/governorates). */
export function useGovernorates() {
  return useQuery({
    queryKey: ['geo', 'governorates'],
    queryFn: async () => (await get<{ governorates: { pcode: string; nameEn: string; nameAr: string }[] }>('/api/geo/governorates')).governorates,
    staleTime: Infinity,
  });
}

export function useReport(id: string) {
  return useQuery({ queryKey: reportKey(id), queryFn: () => get<Report>(`/api/reports/${encodeURIComponent(id)}`) });
}

export function useReportVersions(id: string) {
  return useQuery({
    queryKey: versionsKey(id),
    queryFn: async () => (await get<ReportVersions>(`/api/reports/${encodeURIComponent(id)}/versions`)).versions,
  });
}

/** After any change the lists, the report and its versions are fetched again. */
function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: REPORTS });
}

/** A random key: crypto.randomUUID needs a secure context, which a field laptop on plain http lacks. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Files a new report, or saves a correction of `report` as its next version. A filing
 * carries an Idempotency-Key that stays the same while the content does, so pressing
 * Save again after a lost connection cannot file the report twice.
 */
export function useSaveReport(report?: Report) {
  const refresh = useRefresh();
  const attempt = useRef<{ key: string; content: string } | null>(null);
  return useMutation({
    mutationFn: ({ content, changeNote }: { content: ReportContent; changeNote: string }) => {
      if (report) return post<Report>(`/api/reports/${report.id}/versions`, { content, changeNote, version: report.version });
      const sent = JSON.stringify(content);
      if (attempt.current?.content !== sent) attempt.current = { key: newKey(), content: sent };
      return post<Report>('/api/reports', content, { 'idempotency-key': attempt.current.key });
    },
    onSuccess: () => {
      attempt.current = null;
      return refresh();
    },
  });
}

export function useWithdrawReport(report: Report) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (reason: string) => post<Report>(`/api/reports/${report.id}/withdraw`, { reason, version: report.version }),
    onSuccess: () => refresh(),
  });
}

export function useReloadReports() {
  return useRefresh();
}

/** The content of a report as it would be sent again (for a correction): what the server adds is left out. */
export function contentOf(report: Report): ReportContent {
  const {
    occurredAt,
    timePrecision,
    location,
    sealLocation,
    typeCode,
    allegedPerpetrator,
    affectedSide,
    casualties,
    description,
    language,
    sources,
    evidence,
  } = report;
  return {
    occurredAt,
    timePrecision,
    location,
    sealLocation,
    typeCode,
    allegedPerpetrator,
    affectedSide,
    casualties,
    description,
    language,
    sources,
    evidence,
  };
}
