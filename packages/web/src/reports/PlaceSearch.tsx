import { useState } from 'react';
import { Badge, Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../components/Ltr.tsx';
import { localName, otherName, usePlaces, type Place } from './geo.ts';

/**
 * The gazetteer: places, districts and governorates by their Arabic or English name,
 * searched as the user types (after a pause, to spare a slow connection).
 */
export function PlaceSearch({ onPick }: { onPick: (place: Place) => void }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 350);
  const places = usePlaces(debounced);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const found = places.data ?? [];
  const searching = q.trim().length >= 2;
  // Villages share names: the district and governorate tell them apart.
  const within = (p: Place) =>
    [p.kind === 'place' ? p.adm2 : undefined, p.kind !== 'governorate' ? p.adm1 : undefined]
      .filter((a) => a !== undefined)
      .map((a) => localName(i18n.language, a.nameEn, a.nameAr));

  const pick = (pcode: string) => {
    const place = found.find((p) => p.pcode === pcode);
    if (!place) return;
    setQ(localName(i18n.language, place.nameEn, place.nameAr));
    combobox.closeDropdown();
    onPick(place);
  };

  return (
    <div>
      <Combobox store={combobox} onOptionSubmit={pick}>
        <Combobox.Target>
          <TextInput
            type="search"
            label={t('reports.form.placeSearch')}
            description={t('reports.form.placeSearchHelp')}
            placeholder={t('reports.form.placeSearchPlaceholder')}
            dir="auto"
            autoComplete="off"
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onFocus={() => combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
            rightSection={places.isFetching ? <Loader size={14} /> : null}
            data-testid="report-place-search"
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={!searching || places.isError || (places.isPending && found.length === 0)}>
          <Combobox.Options mah={280} style={{ overflowY: 'auto' }}>
            {found.length === 0 ? (
              <Combobox.Empty>{t('reports.form.placeNone')}</Combobox.Empty>
            ) : (
              found.map((p) => (
                <Combobox.Option key={p.pcode} value={p.pcode} data-testid="report-place-option" data-pcode={p.pcode}>
                  <Group gap={6} wrap="nowrap" justify="space-between">
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={500} dir="auto">
                        {localName(i18n.language, p.nameEn, p.nameAr)}
                      </Text>
                      <Text size="xs" c="dimmed" dir="auto">
                        {[otherName(i18n.language, p.nameEn, p.nameAr), ...within(p)].filter(Boolean).join(' · ')} · <Ltr>{p.pcode}</Ltr>
                      </Text>
                    </div>
                    <Badge size="xs" variant="light" color={p.kind === 'place' ? 'blue' : 'gray'}>
                      {t(`reports.geoPrecision.${p.kind}`)}
                    </Badge>
                  </Group>
                </Combobox.Option>
              ))
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      {places.isError && (
        <Text size="xs" c="dimmed" mt={4} data-testid="report-place-unavailable">
          {t('reports.form.placeUnavailable')}
        </Text>
      )}
    </div>
  );
}
