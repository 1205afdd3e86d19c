import { useQuery } from '@tanstack/react-query';
import type { Geometry } from 'geojson';
import type { PlacesResponse } from '@truce/server/schemas/geo';
import { get } from '../api/client.ts';

/** The gazetteer and the administrative boundaries that ship with Truce (C10: the map works offline). */

/** A gazetteer entry and the areas it lies in, as GET /api/geo/places answers them. */
export type { AreaRef as AreaName, GeoPlace as Place } from '@truce/server/schemas/geo';

/** GET /api/geo/areas sends prepared GeoJSON bytes; this is how the browser reads them. */
export interface AreaFeature {
  type: 'Feature';
  properties: { pcode: string; name_en: string; name_ar: string };
  geometry: Geometry;
}

export interface AreaCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

/** Places and areas whose name (Arabic or English) matches what was typed. */
export function usePlaces(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ['geo', 'places', text],
    queryFn: async () => (await get<PlacesResponse>(`/api/geo/places?q=${encodeURIComponent(text)}&limit=10`)).places,
    enabled: text.length >= 2,
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * Governorates (level 1) or districts (level 2), drawn under the map. They do not change
 * while the app runs; the districts are only fetched once the map is zoomed in that far.
 */
export function useAreas(level: 1 | 2, enabled = true) {
  return useQuery({
    queryKey: ['geo', 'areas', level],
    queryFn: () => get<AreaCollection>(`/api/geo/areas?level=${level}`),
    enabled,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });
}

/** Readers of Arabic and Persian read place names in Arabic script; others in the Latin one. */
const ARABIC_SCRIPT = new Set(['ar', 'fa']);

/** A name in the reader's script. */
export function localName(lang: string, en: string, ar: string): string {
  return ARABIC_SCRIPT.has(lang) ? ar || en : en || ar;
}

/** The same name in the other script, shown beside it to tell places apart. */
export function otherName(lang: string, en: string, ar: string): string {
  return ARABIC_SCRIPT.has(lang) ? en : ar;
}

/** The attribution the boundaries' and gazetteer's licence asks to be shown with the map. */
export function useGeoAttribution(enabled: boolean) {
  return useQuery({
    queryKey: ['geo', 'attribution'],
    queryFn: async () => (await get<{ text: string }>('/api/geo/attribution')).text,
    enabled,
    staleTime: Infinity,
    retry: false,
  });
}
