import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { Spoiler, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Zone } from '../api/types.ts';
import { useCollection } from '../mechanism/api.ts';
import { localName, useAreas, useGeoAttribution, type AreaCollection } from './geo.ts';

export interface Point {
  lat: number;
  lon: number;
}

interface Props {
  point: Point | null;
  /** Called with the point clicked or where the marker was dragged; absent for a map that only shows. */
  onPick?: (point: Point) => void;
  /** How far to zoom in when the point is set from outside (a place chosen, coordinates typed). */
  zoom?: number;
  height?: number;
  label: string;
  testId?: string;
}

/** Syria, when there is nothing to fit the view to. */
const START: L.LatLngExpression = [35, 38.5];

const pin = L.divIcon({ className: 'truce-pin', html: '<span></span>', iconSize: [26, 26], iconAnchor: [13, 31] });

/**
 * A map without tiles, so that it works offline and on a thin connection: the
 * governorates that ship with Truce (from /api/geo/areas) and the mechanism's zones are
 * drawn as the base. Clicking sets the point; the marker can be dragged. When the
 * boundaries cannot be had the map still takes clicks, and the coordinates can be typed.
 */
export default function MapPicker({ point, onPick, zoom = 11, height = 300, label, testId = 'report-map' }: Props) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.Marker | null>(null);
  const picked = useRef<Point | null>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  // The base layers fit the view to themselves only while there is no point to show.
  const hasPoint = useRef(point !== null);
  hasPoint.current = point !== null;
  const governorates = useAreas(1);
  // Districts are drawn from this zoom on: further out they would only be clutter and bytes.
  const [closeUp, setCloseUp] = useState(false);
  const districts = useAreas(2, closeUp && governorates.isSuccess);
  const zones = useCollection<Zone>('zones');
  const attribution = useGeoAttribution(governorates.isSuccess);

  // The map itself, once.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const m = L.map(el, { center: START, zoom: 6, minZoom: 4, maxZoom: 17, attributionControl: false, zoomSnap: 0.5 });
    map.current = m;
    const zoomed = () => setCloseUp((was) => was || m.getZoom() >= DISTRICT_ZOOM);
    m.on('zoomend', zoomed);
    zoomed();
    if (onPickRef.current) {
      m.on('click', (e: L.LeafletMouseEvent) => {
        const p = { lat: round(e.latlng.lat), lon: round(e.latlng.lng) };
        picked.current = p;
        onPickRef.current?.(p);
      });
    }
    // A map laid out while hidden (a dialog opening, a phone rotating) has to measure itself again.
    const resize = new ResizeObserver(() => m.invalidateSize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      m.remove();
      map.current = null;
      marker.current = null;
    };
  }, []);

  // The base: the governorates, with their names in the reader's script; the districts over them when close.
  useEffect(() => {
    const m = map.current;
    if (!m || !governorates.data) return;
    const layer = areaLayer(governorates.data, i18n.language, { color: '#868e96', weight: 1, fillColor: '#f8f9fa', fillOpacity: 1 }).addTo(m);
    layer.bringToBack();
    if (!hasPoint.current) m.fitBounds(layer.getBounds(), { padding: [8, 8], animate: false });
    return () => {
      layer.remove();
    };
  }, [governorates.data, i18n.language]);

  useEffect(() => {
    const m = map.current;
    if (!m || !districts.data) return;
    const layer = areaLayer(districts.data, i18n.language, { color: '#adb5bd', weight: 1, dashArray: '2 3', fill: false }).addTo(m);
    return () => {
      layer.remove();
    };
  }, [districts.data, i18n.language]);

  // The area of application, dashed, over the base.
  useEffect(() => {
    const m = map.current;
    if (!m || !zones.data || zones.data.length === 0) return;
    const layer = L.geoJSON(
      { type: 'FeatureCollection', features: zones.data.map((z) => ({ type: 'Feature', properties: {}, geometry: z.geometry })) } as FeatureCollection,
      { style: { color: '#1c7ed6', weight: 2, dashArray: '6 4', fill: !governorates.data, fillColor: '#f8f9fa', fillOpacity: 1 }, interactive: false },
    ).addTo(m);
    if (!governorates.data && !hasPoint.current) m.fitBounds(layer.getBounds(), { padding: [8, 8], animate: false });
    return () => {
      layer.remove();
    };
  }, [zones.data, governorates.data]);

  // The marker follows the point; a point set from outside brings the map to it.
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!point) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    const at = L.latLng(point.lat, point.lon);
    if (!marker.current) {
      marker.current = L.marker(at, { icon: pin, draggable: !!onPickRef.current, keyboard: false, autoPan: true }).addTo(m);
      marker.current.on('dragend', () => {
        const ll = marker.current!.getLatLng();
        const p = { lat: round(ll.lat), lon: round(ll.lng) };
        picked.current = p;
        onPickRef.current?.(p);
      });
    } else marker.current.setLatLng(at);
    const fromHere = picked.current && picked.current.lat === point.lat && picked.current.lon === point.lon;
    if (!fromHere) m.setView(at, Math.max(m.getZoom(), zoom));
  }, [point?.lat, point?.lon, zoom]);

  return (
    <div>
      <div
        ref={container}
        dir="ltr"
        className="truce-map"
        style={{ height }}
        role="application"
        aria-label={label}
        data-testid={testId}
        data-boundaries={governorates.isSuccess ? 'yes' : 'no'}
      />
      {attribution.data && (
        <Spoiler
          maxHeight={18}
          showLabel={t('actions.showMore')}
          hideLabel={t('actions.showLess')}
          mt={2}
          data-testid="report-map-attribution"
          styles={{ control: { fontSize: 'var(--mantine-font-size-xs)' } }}
        >
          <Text size="xs" c="dimmed" className="truce-break">
            {attribution.data}
          </Text>
        </Spoiler>
      )}
    </div>
  );
}

const DISTRICT_ZOOM = 8;

function areaLayer(areas: AreaCollection, lang: string, style: L.PathOptions): L.GeoJSON {
  return L.geoJSON(areas as unknown as FeatureCollection, {
    style,
    onEachFeature: (feature, l) => {
      const p = feature.properties as { name_en?: string; name_ar?: string };
      l.bindTooltip(localName(lang, p.name_en ?? '', p.name_ar ?? ''), { sticky: true, direction: 'top' });
    },
  });
}

/** Six decimals, about ten centimetres: more would only pretend to precision. */
function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
