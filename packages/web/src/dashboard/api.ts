import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { get } from '../api/client.ts';
import type { Dashboard, MapCells as Cells, MapClusters as Clusters, MapGovernorates, MapPoints as Points } from '@truce/server/schemas/dashboard';
import { periodOf, QUICK, type Quick } from './period.ts';
import { mechanismToday } from '../app/clock.ts';

/** The dashboard and the map (C10) as the API answers them (packages/server/src/dashboard). */

export const FINDINGS = ['corroborated', 'not-corroborated', 'outside-agreement', 'inadmissible', 'none'] as const;
export type FindingFilter = (typeof FINDINGS)[number];

export interface Filter {
  from: string;
  to: string;
  type?: string;
  allegedParty?: string;
  finding?: string;
}

// /api/map/points, /api/map/clusters (binned in the database, so bounded whatever the number of reports) and /api/map/cells.
export type {
  ClusterFeature,
  Dashboard,
  MapCells as Cells,
  MapClusters as Clusters,
  MapPoints as Points,
  PointProps,
} from '@truce/server/schemas/dashboard';

export function query(filter: Filter): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
  return q.toString();
}

export function useDashboard(filter: Filter) {
  return useQuery({ queryKey: ['dashboard', filter], queryFn: () => get<Dashboard>(`/api/dashboard?${query(filter)}`), placeholderData: keepPreviousData });
}

export function useMapPoints(filter: Filter, enabled = true) {
  return useQuery({
    queryKey: ['map', 'points', filter],
    queryFn: ({ signal }) => get<Points>(`/api/map/points?${query(filter)}`, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The part of the map asked for: "west,south,east,north" in degrees and a whole zoom (0–20). */
export interface MapView {
  bbox: string;
  zoom: number;
}

/**
 * Clusters and points of one view. A new view or filter keeps the previous answer on the map
 * until the new one arrives, and aborts a request whose answer is no longer wanted.
 */
export function useMapClusters(filter: Filter, view: MapView | null, enabled: boolean) {
  return useQuery({
    queryKey: ['map', 'clusters', filter, view],
    queryFn: ({ signal }) => get<Clusters>(`/api/map/clusters?${query(filter)}&bbox=${view!.bbox}&zoom=${view!.zoom}`, signal),
    enabled: enabled && view !== null,
    placeholderData: keepPreviousData,
  });
}

export function useMapGovernorates(filter: Filter, enabled: boolean) {
  return useQuery({
    queryKey: ['map', 'governorates', filter],
    queryFn: () => get<MapGovernorates>(`/api/map/governorates?${query(filter)}`),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** H3 resolutions the server counts at, with the average area of a cell in km² (core/geo/cells.ts). */
export const CELL_AREAS = { 5: 253, 6: 36, 7: 5.2 } as const;
export type CellResolution = keyof typeof CELL_AREAS;

export function useMapCells(filter: Filter, resolution: CellResolution, enabled: boolean) {
  return useQuery({
    queryKey: ['map', 'cells', resolution, filter],
    queryFn: () => get<Cells>(`/api/map/cells?${query(filter)}&resolution=${resolution}`),
    enabled,
    placeholderData: keepPreviousData,
  });
}

const KEYS = ['period', 'from', 'to', 'type', 'allegedParty', 'finding'] as const;
type Key = (typeof KEYS)[number];

/**
 * The period and filters, kept in the address so that a view can be reloaded or shared.
 * `period` is a quick choice (7, 28, 90 or 365 days up to today) or "custom" with from/to;
 * without any, the last 28 days.
 */
export function useFilter(today = mechanismToday()) {
  const [params, setParams] = useSearchParams();
  const raw = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as Record<Key, string>;
  const quick: Quick | 'custom' =
    raw.period === 'custom' || (!raw.period && (raw.from || raw.to))
      ? 'custom'
      : (QUICK as readonly string[]).includes(raw.period)
        ? (raw.period as Quick)
        : '28';
  const period = periodOf(quick, raw.from, raw.to, today);
  const filter: Filter = { from: period.from, to: period.to };
  if (raw.type) filter.type = raw.type;
  if (raw.allegedParty) filter.allegedParty = raw.allegedParty;
  if (raw.finding) filter.finding = raw.finding;
  const set = (changes: Partial<Record<Key, string>>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  const setQuick = (q: Quick | 'custom') =>
    q === 'custom' ? set({ period: 'custom', from: period.from, to: period.to }) : set({ period: q === '28' ? '' : q, from: '', to: '' });
  return { filter, quick, days: period.days, set, setQuick, search: params.toString() };
}
