import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import '../reports/map.css';
import './dashboard.css';
import { Alert, Box, Button, Group, NativeSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMediaQuery } from '@mantine/hooks';
import { useFormat } from '../i18n/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useLookups } from '../reports/labels.ts';
import { localName, useAreas, useGeoAttribution } from '../reports/geo.ts';
import {
  CELL_AREAS,
  useFilter,
  useMapCells,
  useMapClusters,
  useMapGovernorates,
  useMapPoints,
  type CellResolution,
  type MapView,
  type PointProps,
} from './api.ts';
import { classOf } from './cluster.ts';
import { clusterSize, clusterView } from './view.ts';
import { FilterBar } from './FilterBar.tsx';
import { ExportButtons } from '../exports/ExportButtons.tsx';

const MODES = ['clusters', 'choropleth', 'hexagons', 'findings'] as const;
type Mode = (typeof MODES)[number];

/** Colours of findings on the map; "none" is a report whose incident has no finding yet. */
export const FINDING_COLOURS = {
  corroborated: '#e03131',
  'not-corroborated': '#868e96',
  'outside-agreement': '#f76707',
  inadmissible: '#212529',
  none: '#1c7ed6',
} as const;

/** Choropleth classes, light to dark. */
const SHADES = ['#d0ebff', '#74c0fc', '#339af0', '#1971c2', '#0b3d75'];

const START: L.LatLngExpression = [35, 38.5];

/** Hexagon sizes: chosen from the zoom, or fixed by the reader (`cells` in the address). */
const CELL_SIZES = ['auto', '5', '6', '7'] as const;
type CellSize = (typeof CELL_SIZES)[number];
/** At Syria's latitude a hexagon is then some 10–25 pixels across. */
const resolutionForZoom = (zoom: number): CellResolution => (zoom < 8 ? 5 : zoom < 10 ? 6 : 7);

/** How long the map must rest after a pan or zoom before the clusters of the new view are asked for. */
const SETTLE_MS = 250;

/**
 * /map (C10): the reports of the period on an offline map (no tiles: the governorates
 * that ship with Truce are the base), as clusters, as a choropleth of governorates, as
 * counts per H3 hexagon, or as points coloured by finding. Same filters as the dashboard;
 * a point opens its report. Clusters are made by the server for the view (so a million
 * reports cost no more than a thousand) and asked for again when the view settles.
 */
export function MapPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const lookups = useLookups();
  const state = useFilter();
  const { filter } = state;
  const [params, setParams] = useSearchParams();
  const mode: Mode = (MODES as readonly string[]).includes(params.get('mode') ?? '') ? (params.get('mode') as Mode) : 'clusters';
  const setParam = (key: string, value: string, fallback: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === fallback) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const setMode = (m: string) => setParam('mode', m, 'clusters');
  const cellSize: CellSize = (CELL_SIZES as readonly string[]).includes(params.get('cells') ?? '') ? (params.get('cells') as CellSize) : 'auto';
  const setCellSize = (v: string) => setParam('cells', v, 'auto');
  const points = useMapPoints(filter, mode === 'findings');
  const counts = useMapGovernorates(filter, mode === 'choropleth');
  // Four modes do not fit side by side on a phone: they are stacked there.
  const narrow = useMediaQuery('(max-width: 36em)');
  const governorates = useAreas(1);
  const attribution = useGeoAttribution(true);

  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [zoom, setZoom] = useState(6);
  const [view, setView] = useState<MapView | null>(null);
  const clusters = useMapClusters(filter, view, mode === 'clusters');
  const go = useRef(navigate);
  go.current = navigate;
  const resolution: CellResolution = cellSize === 'auto' ? resolutionForZoom(zoom) : (Number(cellSize) as CellResolution);
  const cells = useMapCells(filter, resolution, mode === 'hexagons');

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const m = L.map(el, { center: START, zoom: 6, minZoom: 4, maxZoom: 16, attributionControl: false, zoomSnap: 0.5 });
    m.on('zoomend', () => setZoom(m.getZoom()));
    // The view the clusters are asked for, once the map has settled; unchanged (same
    // object, so no new request) while the last one still covers what is shown.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      const b = m.getBounds();
      setView((previous) => clusterView({ west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() }, m.getZoom(), previous));
    };
    m.on('moveend', () => {
      clearTimeout(timer);
      timer = setTimeout(settle, SETTLE_MS);
    });
    settle();
    const resize = new ResizeObserver(() => m.invalidateSize());
    resize.observe(el);
    setMap(m);
    return () => {
      clearTimeout(timer);
      resize.disconnect();
      m.remove();
      setMap(null);
    };
  }, []);

  const countOf = useMemo(() => new Map((counts.data?.governorates ?? []).filter((g) => g.pcode).map((g) => [g.pcode, g.count])), [counts.data]);
  const max = Math.max(0, ...countOf.values());

  // The base: the governorates, shaded by count in the choropleth mode.
  useEffect(() => {
    if (!map || !governorates.data) return;
    const choropleth = mode === 'choropleth';
    const layer = L.geoJSON(governorates.data as unknown as FeatureCollection, {
      style: (f) => {
        const c = countOf.get((f?.properties as { pcode: string } | undefined)?.pcode ?? '') ?? 0;
        const k = choropleth ? classOf(c, max, SHADES.length) : -1;
        return { color: '#868e96', weight: 1, fillColor: k >= 0 ? SHADES[k] : '#f8f9fa', fillOpacity: 1 };
      },
      onEachFeature: (feature, l) => {
        const p = feature.properties as { pcode: string; name_en: string; name_ar: string };
        const name = localName(i18n.language, p.name_en, p.name_ar);
        l.bindTooltip(
          choropleth ? `${name}: ${t('dashboard.map.reports', { count: countOf.get(p.pcode) ?? 0, n: fmt.number(countOf.get(p.pcode) ?? 0) })}` : name,
          { sticky: true, direction: 'top' },
        );
      },
    }).addTo(map);
    layer.bringToBack();
    return () => {
      layer.remove();
    };
  }, [map, governorates.data, mode, countOf, max, i18n.language, t, fmt]);

  const cellMax = Math.max(0, ...(cells.data?.features ?? []).map((f) => f.properties.count));

  // Hexagons over the base, shaded by count like the choropleth.
  useEffect(() => {
    if (!map || mode !== 'hexagons' || !cells.data) return;
    const area = fmt.number(cells.data.cellAreaKm2);
    const layer = L.geoJSON(cells.data as unknown as FeatureCollection, {
      style: (f) => {
        const k = classOf((f?.properties as { count: number } | undefined)?.count ?? 0, cellMax, SHADES.length);
        return { color: '#495057', weight: 0.5, fillColor: SHADES[Math.max(0, k)], fillOpacity: 0.85, className: 'truce-cell' };
      },
      onEachFeature: (feature, l) => {
        const n = (feature.properties as { count: number }).count;
        l.bindTooltip(`${t('dashboard.map.reports', { count: n, n: fmt.number(n) })} · ${t('dashboard.map.cellArea', { area })}`, {
          sticky: true,
          direction: 'top',
        });
      },
    }).addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, mode, cells.data, cellMax, t, fmt]);

  // Fit the view to the country once the boundaries are there.
  const fitted = useRef(false);
  useEffect(() => {
    if (!map || !governorates.data || fitted.current) return;
    fitted.current = true;
    map.fitBounds(L.geoJSON(governorates.data as unknown as FeatureCollection).getBounds(), { padding: [8, 8], animate: false });
  }, [map, governorates.data]);

  const features = points.data?.features;
  const typeLabel = lookups.typeText;
  const tip = (p: PointProps) =>
    `${typeLabel(p.typeCode)} · ${fmt.date(p.occurredAt)} · ${t(`dashboard.finding.${p.finding?.verification ?? 'none'}`)}${p.locationSealed ? ` · ${t('dashboard.map.sealed')}` : ''}`;
  // Counts too long for a circle are shortened ("12K"); the title gives them in full.
  const compact = useMemo(() => new Intl.NumberFormat(i18n.language, { notation: 'compact', maximumFractionDigits: 1 }), [i18n.language]);
  const label = (n: number) => (n < 10_000 ? fmt.number(n) : compact.format(n));

  // Points coloured by finding over the base.
  useEffect(() => {
    if (!map || !features || mode !== 'findings') return;
    const layer = L.layerGroup().addTo(map);
    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates;
      const colour = FINDING_COLOURS[f.properties.finding?.verification ?? 'none'];
      L.circleMarker([lat, lon], { radius: 6, color: '#fff', weight: 1, fillColor: colour, fillOpacity: 0.9, className: 'truce-point' })
        .bindTooltip(tip(f.properties))
        .on('click', () => void go.current(`/reports/${encodeURIComponent(f.properties.id)}`))
        .addTo(layer);
    }
    return () => {
      layer.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, features, mode, i18n.language, lookups.types]);

  // The server's clusters and points of the view over the base. The previous answer stays
  // drawn until the next one arrives (it is in degrees, so right at any zoom).
  const clustered = clusters.data?.features;
  useEffect(() => {
    if (!map || !clustered || mode !== 'clusters') return;
    const layer = L.layerGroup().addTo(map);
    for (const f of clustered) {
      const [lon, lat] = f.geometry.coordinates;
      if (!f.properties.cluster) {
        const p = f.properties;
        L.circleMarker([lat, lon], { radius: 6, color: '#fff', weight: 1, fillColor: '#1c7ed6', fillOpacity: 0.9, className: 'truce-point' })
          .bindTooltip(tip(p))
          .on('click', () => void go.current(`/reports/${encodeURIComponent(p.id)}`))
          .addTo(layer);
        continue;
      }
      const { count, extent } = f.properties;
      const size = clusterSize(count);
      const icon = L.divIcon({ className: 'truce-cluster', html: `<span>${label(count)}</span>`, iconSize: [size, size] });
      L.marker([lat, lon], { icon, title: t('dashboard.map.cluster', { count, n: fmt.number(count) }), keyboard: true, riseOnHover: true })
        .on('click', () => {
          // Zoom to the reports of the cluster; reports all at one place are shown close up.
          const [w, s, e, n] = extent;
          const bounds = L.latLngBounds([s, w], [n, e]);
          const most = map.getMaxZoom();
          if (bounds.getNorthEast().equals(bounds.getSouthWest())) map.setView([lat, lon], Math.max(map.getZoom(), most - 1));
          else map.fitBounds(bounds, { padding: [24, 24], maxZoom: Math.min(most, map.getZoom() + 4) });
        })
        .addTo(layer);
    }
    return () => {
      layer.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, clustered, mode, i18n.language, lookups.types]);

  // How many reports the mode shows (those of the view and around it, for clusters).
  const sum = (xs: { count: number }[]) => xs.reduce((a, x) => a + x.count, 0);
  const shown =
    mode === 'clusters'
      ? clusters.data?.total
      : mode === 'choropleth'
        ? counts.data && sum(counts.data.governorates)
        : mode === 'hexagons'
          ? cells.data && sum(cells.data.features.map((f) => f.properties))
          : features?.length;

  return (
    <Stack gap="md" data-testid="map-page">
      <PageHeader
        title={t('dashboard.map.title')}
        description={t('dashboard.map.description')}
        actions={
          <Button
            component={Link}
            variant="subtle"
            size="xs"
            to={`/dashboard?${new URLSearchParams([...params].filter(([k]) => k !== 'mode'))}`}
            data-testid="map-open-dashboard"
          >
            {t('dashboard.map.openDashboard')}
          </Button>
        }
      />
      <FilterBar state={state} lookups={lookups} />
      {/* The map leaves withdrawn reports out; so do its exports. */}
      <ExportButtons dataset="reports" filter={{ ...filter, withdrawn: 'exclude' }} testId="map-export" />
      <SegmentedControl
        value={mode}
        onChange={setMode}
        data={MODES.map((m) => ({ value: m, label: t(`dashboard.map.mode.${m}`) }))}
        data-testid="map-mode"
        aria-label={t('dashboard.map.modeLabel')}
        orientation={narrow ? 'vertical' : 'horizontal'}
        fullWidth
      />
      {mode === 'hexagons' && (
        <NativeSelect
          label={t('dashboard.map.cellSize')}
          value={cellSize}
          onChange={(e) => setCellSize(e.currentTarget.value)}
          data={CELL_SIZES.map((c) => ({
            value: c,
            label:
              c === 'auto'
                ? t('dashboard.map.cellSizes.auto')
                : t(`dashboard.map.cellSizes.${c}`, { area: fmt.number(CELL_AREAS[Number(c) as CellResolution]) }),
          }))}
          data-testid="map-cell-size"
          maw={320}
        />
      )}
      <ProblemAlert error={points.error ?? clusters.error ?? counts.error ?? cells.error ?? governorates.error} />
      {mode === 'hexagons' && cells.data?.truncated && (
        <Alert color="yellow" variant="light" data-testid="map-cells-truncated">
          {t('dashboard.map.cellsTruncated', { limit: fmt.number(cells.data.limit) })}
        </Alert>
      )}
      {mode === 'findings' && points.data?.truncated && (
        <Alert color="yellow" variant="light" data-testid="map-truncated">
          {t('dashboard.map.truncated', { limit: fmt.number(points.data.limit) })}
        </Alert>
      )}
      <Text size="sm" c="dimmed" data-testid="map-count" data-count={shown ?? ''}>
        {shown === undefined
          ? t('common.loading')
          : t(mode === 'clusters' ? 'dashboard.map.inView' : 'dashboard.map.shown', { count: shown, n: fmt.number(shown) })}
      </Text>
      <div>
        <div
          ref={container}
          dir="ltr"
          className="truce-map"
          style={{ height: 'min(65vh, 560px)', minHeight: 320 }}
          role="application"
          aria-label={t('dashboard.map.label')}
          data-testid="map-view"
          data-mode={mode}
          data-boundaries={governorates.isSuccess ? 'yes' : 'no'}
          data-resolution={mode === 'hexagons' ? resolution : undefined}
          data-cells={mode === 'hexagons' && cells.data && !cells.isPlaceholderData ? cells.data.features.length : undefined}
          data-view={mode === 'clusters' && clusters.data && !clusters.isPlaceholderData ? `${clusters.data.zoom}:${clusters.data.bbox.join(',')}` : undefined}
          data-features={mode === 'clusters' && clusters.data && !clusters.isPlaceholderData ? clusters.data.features.length : undefined}
        />
        {attribution.data && (
          <Text size="xs" c="dimmed" mt={4} className="truce-break" dir="auto" data-testid="map-attribution">
            {attribution.data}
          </Text>
        )}
      </div>
      <Legend mode={mode} max={mode === 'hexagons' ? cellMax : max} area={CELL_AREAS[resolution]} />
    </Stack>
  );
}

function Legend({ mode, max, area }: { mode: Mode; max: number; area: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const swatch = (colour: string, round = true) => (
    <Box
      w={12}
      h={12}
      style={{ background: colour, borderRadius: round ? '50%' : 2, flex: 'none', border: '1px solid #fff', boxShadow: '0 0 0 1px #adb5bd' }}
      aria-hidden
    />
  );
  let items: { key: string; colour: string; label: string; round?: boolean }[];
  if (mode === 'findings') items = Object.entries(FINDING_COLOURS).map(([k, c]) => ({ key: k, colour: c, label: t(`dashboard.finding.${k}`) }));
  else if (mode === 'choropleth' || mode === 'hexagons') {
    // The upper bound of each class, on the same square-root scale as the shading.
    items = [{ key: 'zero', colour: '#f8f9fa', label: fmt.number(0), round: false }];
    let lo = 1;
    SHADES.forEach((c, i) => {
      const hi = Math.floor(max * ((i + 1) / SHADES.length) ** 2);
      if (max > 0 && hi >= lo) items.push({ key: c, colour: c, label: lo === hi ? fmt.number(lo) : `${fmt.number(lo)}–${fmt.number(hi)}`, round: false });
      lo = hi + 1;
    });
  } else items = [{ key: 'one', colour: '#1c7ed6', label: t('dashboard.map.legendPoint') }];
  return (
    <Stack gap={4} data-testid="map-legend" data-mode={mode}>
      <Text size="sm" fw={600}>
        {mode === 'choropleth'
          ? t('dashboard.map.legendChoropleth')
          : mode === 'hexagons'
            ? t('dashboard.map.legendHexagons', { area: fmt.number(area) })
            : mode === 'findings'
              ? t('dashboard.finding.label')
              : t('dashboard.map.legend')}
      </Text>
      <Group gap="md" wrap="wrap">
        {items.map((i) => (
          <Group key={i.key} gap={6} wrap="nowrap">
            {swatch(i.colour, i.round !== false)}
            <Text size="xs">{i.label}</Text>
          </Group>
        ))}
        {mode === 'clusters' && (
          <Group gap={6} wrap="nowrap">
            <span className="truce-cluster" style={{ width: 24, height: 24, display: 'inline-flex', position: 'static' }} aria-hidden>
              <span>12</span>
            </span>
            <Text size="xs">{t('dashboard.map.legendCluster')}</Text>
          </Group>
        )}
      </Group>
    </Stack>
  );
}
