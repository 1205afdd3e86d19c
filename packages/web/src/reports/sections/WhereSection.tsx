import { Fieldset, NativeSelect, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { GEO_PRECISIONS, type GeoPrecision } from '@truce/core/reports/model';
import { parseDegrees, parsePair } from '../formState.ts';
import { localName, type Place } from '../geo.ts';
import { MapSlot, type Point } from '../MapSlot.tsx';
import { PlaceSearch } from '../PlaceSearch.tsx';
import type { SectionProps } from './types.ts';

/** How close the map comes to a point: near enough to see the district's outline around a place. */
const ZOOM: Record<GeoPrecision, number> = { exact: 12, place: 10, district: 9, governorate: 8 };

/**
 * Where: a place from the gazetteer, a point on the map, or coordinates typed in; how
 * precise that is; and whether the exact place is sealed from the other parties.
 */
export function WhereSection({ state, set, error }: SectionProps) {
  const { t, i18n } = useTranslation();
  const lat = parseDegrees(state.lat);
  const lon = parseDegrees(state.lon);
  const point = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;

  // A point of one's own is no longer the gazetteer's place: it is exact, and the p-code goes.
  const moved = (p: Point) => set({ lat: String(p.lat), lon: String(p.lon), geoPrecision: 'exact', pcode: '' });

  const picked = (place: Place) =>
    set({
      lat: String(place.lat),
      lon: String(place.lon),
      pcode: place.pcode,
      placeName: localName(i18n.language, place.nameEn, place.nameAr),
      geoPrecision: place.kind === 'place' ? 'place' : place.kind,
    });

  const typed = (field: 'lat' | 'lon', value: string) => {
    const pair = parsePair(value);
    if (pair) moved(pair);
    else set({ [field]: value, geoPrecision: state.geoPrecision === 'place' ? 'exact' : state.geoPrecision, pcode: '' });
  };

  return (
    <Fieldset legend={t('reports.section.where')} data-testid="report-section-where">
      <Stack gap="sm">
        <PlaceSearch onPick={picked} />
        <div>
          <MapSlot point={point} onPick={moved} zoom={ZOOM[state.geoPrecision]} />
          <Text size="xs" c="dimmed" mt={4}>
            {t('reports.map.pickHelp')}
          </Text>
        </div>
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label={t('reports.form.lat')}
            required
            dir="ltr"
            inputMode="decimal"
            placeholder="35.2046"
            value={state.lat}
            onChange={(e) => typed('lat', e.currentTarget.value)}
            error={error('lat')}
            data-testid="report-lat"
          />
          <TextInput
            label={t('reports.form.lon')}
            required
            dir="ltr"
            inputMode="decimal"
            placeholder="38.9968"
            value={state.lon}
            onChange={(e) => typed('lon', e.currentTarget.value)}
            error={error('lon')}
            data-testid="report-lon"
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NativeSelect
            label={t('reports.form.geoPrecision')}
            value={state.geoPrecision}
            onChange={(e) => set({ geoPrecision: e.currentTarget.value as GeoPrecision })}
            data={GEO_PRECISIONS.map((p) => ({ value: p, label: t(`reports.geoPrecision.${p}`) }))}
            data-testid="report-geo-precision"
          />
          <TextInput
            label={t('reports.form.placeName')}
            dir="auto"
            value={state.placeName}
            onChange={(e) => set({ placeName: e.currentTarget.value })}
            error={error('placeName')}
            data-testid="report-place-name"
          />
        </SimpleGrid>
        <Switch
          label={t('reports.form.sealLocation')}
          description={t('reports.form.sealLocationHelp')}
          checked={state.sealLocation}
          onChange={(e) => set({ sealLocation: e.currentTarget.checked })}
          data-testid="report-seal-location"
        />
      </Stack>
    </Fieldset>
  );
}
