import { Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ENTRY_TYPE_GROUPS, entryTypeKey, type EntryTypeGroup } from '@truce/core/log/entry-types';

/** The Record page's filters, as the address holds them: a link shows the same list. */
export interface RecordFilter {
  /** Entry types, comma-separated: one type, or every type of a group. */
  type?: string;
  organisation?: string;
  since?: string;
  until?: string;
}

const KEYS = ['type', 'organisation', 'since', 'until'] as const;

export function useRecordFilter(): [RecordFilter, (key: keyof RecordFilter, value: string) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const filter: RecordFilter = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''] as const).filter(([, v]) => v));
  const set = (key: keyof RecordFilter, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const clear = () =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const k of KEYS) next.delete(k);
        return next;
      },
      { replace: true },
    );
  return [filter, set, clear];
}

/** The query string of the list's request for these filters (the server checks them again). */
export function filterQuery(filter: RecordFilter): string {
  return KEYS.filter((k) => filter[k])
    .map((k) => `&${k}=${encodeURIComponent(filter[k]!)}`)
    .join('');
}

export function RecordFilters({
  filter,
  onChange,
  onClear,
  organisations,
}: {
  filter: RecordFilter;
  onChange: (key: keyof RecordFilter, value: string) => void;
  onClear: () => void;
  organisations: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const typeName = (type: string) => t(`entryType.${entryTypeKey(type)}`);
  // Each group can be chosen whole ("every change to incidents and findings") or one type of it.
  const typeOptions = (Object.entries(ENTRY_TYPE_GROUPS) as [EntryTypeGroup, readonly string[]][]).map(([group, types]) => ({
    group: t(`record.groups.${group}`),
    items: [
      { value: types.join(','), label: `${t(`record.groups.${group}`)} — ${t('record.filters.typeAll')}` },
      ...types.map((type) => ({ value: type, label: typeName(type) })),
    ],
  }));
  const filtered = KEYS.some((k) => filter[k]);
  return (
    <search aria-label={t('record.filters.label')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" data-testid="record-filters">
        <NativeSelect
          label={t('record.filters.type')}
          value={filter.type ?? ''}
          onChange={(e) => onChange('type', e.currentTarget.value)}
          data={[{ value: '', label: t('record.filters.typeAll') }, ...typeOptions]}
          data-testid="record-filter-type"
        />
        <NativeSelect
          label={t('record.filters.organisation')}
          value={filter.organisation ?? ''}
          onChange={(e) => onChange('organisation', e.currentTarget.value)}
          data={[{ value: '', label: t('record.filters.organisationAll') }, ...organisations]}
          data-testid="record-filter-organisation"
        />
        <TextInput
          type="date"
          dir="ltr"
          label={t('record.filters.since')}
          value={filter.since ?? ''}
          max={filter.until}
          onChange={(e) => onChange('since', e.currentTarget.value)}
          data-testid="record-filter-since"
        />
        <TextInput
          type="date"
          dir="ltr"
          label={t('record.filters.until')}
          value={filter.until ?? ''}
          min={filter.since}
          onChange={(e) => onChange('until', e.currentTarget.value)}
          data-testid="record-filter-until"
        />
      </SimpleGrid>
      {filtered && (
        <Group justify="flex-end" mt="xs">
          <Button size="xs" variant="subtle" onClick={onClear} data-testid="record-filter-clear">
            {t('record.filters.clear')}
          </Button>
        </Group>
      )}
    </search>
  );
}
