import { Button, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import type { Lookups } from '../reports/labels.ts';
import { FINDINGS, type useFilter } from './api.ts';
import { QUICK } from './period.ts';

type FilterState = ReturnType<typeof useFilter>;

/** The period (quick choices or a custom range) and the filters shared by the dashboard and the map. */
export function FilterBar({ state, lookups }: { state: FilterState; lookups: Lookups }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { filter, quick, set, setQuick } = state;
  const filtered = !!(filter.type || filter.allegedParty || filter.finding);
  return (
    <Stack gap="xs" data-testid="dashboard-filters">
      <SegmentedControl
        fullWidth
        size="xs"
        value={quick}
        onChange={(v) => setQuick(v as typeof quick)}
        data={[
          ...QUICK.map((d) => ({ value: d, label: t('dashboard.period.days', { count: Number(d), n: fmt.number(Number(d)) }) })),
          { value: 'custom', label: t('dashboard.period.custom') },
        ]}
        data-testid="dashboard-period"
        aria-label={t('dashboard.period.label')}
      />
      <SimpleGrid cols={{ base: 2, sm: quick === 'custom' ? 5 : 3 }} spacing="sm">
        {quick === 'custom' && (
          <>
            <TextInput
              type="date"
              dir="ltr"
              label={t('reports.filter.from')}
              value={filter.from}
              onChange={(e) => e.currentTarget.value && set({ period: 'custom', from: e.currentTarget.value })}
              data-testid="dashboard-from"
            />
            <TextInput
              type="date"
              dir="ltr"
              label={t('reports.filter.to')}
              value={filter.to}
              onChange={(e) => e.currentTarget.value && set({ period: 'custom', to: e.currentTarget.value })}
              data-testid="dashboard-to"
            />
          </>
        )}
        <NativeSelect
          label={t('reports.filter.type')}
          value={filter.type ?? ''}
          onChange={(e) => set({ type: e.currentTarget.value })}
          data={[{ value: '', label: t('reports.filter.anyType') }, ...lookups.typeOptions]}
          data-testid="dashboard-filter-type"
        />
        <NativeSelect
          label={t('reports.filter.alleged')}
          value={filter.allegedParty ?? ''}
          onChange={(e) => set({ allegedParty: e.currentTarget.value })}
          data={[{ value: '', label: t('reports.filter.anyParty') }, ...lookups.partyOptions]}
          data-testid="dashboard-filter-alleged"
        />
        <NativeSelect
          label={t('dashboard.finding.label')}
          value={filter.finding ?? ''}
          onChange={(e) => set({ finding: e.currentTarget.value })}
          data={[{ value: '', label: t('dashboard.finding.any') }, ...FINDINGS.map((f) => ({ value: f, label: t(`dashboard.finding.${f}`) }))]}
          data-testid="dashboard-filter-finding"
        />
      </SimpleGrid>
      {filtered && (
        <Group>
          <Button size="xs" variant="subtle" onClick={() => set({ type: '', allegedParty: '', finding: '' })} data-testid="dashboard-filter-clear">
            {t('reports.filter.clear')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
