import { Button, Group, NativeSelect, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../app/permissions.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useGovernorates, useReports, type ReportFilter } from './api.ts';
import { localName } from './geo.ts';
import { useFormat } from '../i18n/format.ts';
import { useLookups } from './labels.ts';
import { ReportRow } from './ReportRow.tsx';
import { ExportButtons } from '../exports/ExportButtons.tsx';

const FILTERS = ['from', 'to', 'type', 'allegedParty', 'governorate', 'ungrouped'] as const;

/**
 * /reports: the reports this user may see, newest first, fifty at a time with how many
 * match in all, filtered by period, type, alleged party, governorate and "not yet in an
 * incident". The filters live in the address, so a filtered list can be reloaded or shared.
 */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const governorates = useGovernorates();
  const permissions = usePermissions();
  const lookups = useLookups();
  const [params, setParams] = useSearchParams();
  const filter: ReportFilter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''] as const).filter(([, v]) => v));
  const reports = useReports(filter);
  const rows = reports.data?.pages.flatMap((p) => p.reports) ?? [];
  const total = reports.data?.pages[0]?.total;

  const setFilter = (key: (typeof FILTERS)[number], value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const filtered = FILTERS.some((k) => params.get(k));

  return (
    <Stack gap="md">
      <PageHeader
        title={t('reports.title')}
        description={t('reports.description')}
        actions={
          permissions.can('report.file') && (
            <Button component={Link} to="/reports/new" data-testid="report-new">
              {t('reports.new.button')}
            </Button>
          )
        }
      />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="report-filters">
        <TextInput
          type="date"
          label={t('reports.filter.from')}
          dir="ltr"
          value={filter.from ?? ''}
          onChange={(e) => setFilter('from', e.currentTarget.value)}
          data-testid="report-filter-from"
        />
        <TextInput
          type="date"
          label={t('reports.filter.to')}
          dir="ltr"
          value={filter.to ?? ''}
          onChange={(e) => setFilter('to', e.currentTarget.value)}
          data-testid="report-filter-to"
        />
        <NativeSelect
          label={t('reports.filter.type')}
          value={filter.type ?? ''}
          onChange={(e) => setFilter('type', e.currentTarget.value)}
          data={[{ value: '', label: t('reports.filter.anyType') }, ...lookups.typeOptions]}
          data-testid="report-filter-type"
        />
        <NativeSelect
          label={t('reports.filter.alleged')}
          value={filter.allegedParty ?? ''}
          onChange={(e) => setFilter('allegedParty', e.currentTarget.value)}
          data={[{ value: '', label: t('reports.filter.anyParty') }, ...lookups.partyOptions]}
          data-testid="report-filter-alleged"
        />
        <NativeSelect
          label={t('reports.filter.governorate')}
          value={filter.governorate ?? ''}
          onChange={(e) => setFilter('governorate', e.currentTarget.value)}
          data={[
            { value: '', label: t('reports.filter.anyGovernorate') },
            ...(governorates.data ?? []).map((g) => ({ value: g.pcode, label: localName(i18n.language, g.nameEn, g.nameAr) })),
          ]}
          data-testid="report-filter-governorate"
        />
        <Switch
          mt="lg"
          label={t('reports.filter.ungrouped')}
          checked={filter.ungrouped === 'true'}
          onChange={(e) => setFilter('ungrouped', e.currentTarget.checked ? 'true' : '')}
          data-testid="report-filter-ungrouped"
        />
      </SimpleGrid>
      <Group justify="space-between">
        <Text size="sm" fw={600} data-testid="report-total" data-total={total ?? ''}>
          {total === undefined ? '' : t('reports.total', { count: total, n: fmt.number(total) })}
        </Text>
        {filtered && (
          <Button size="xs" variant="subtle" onClick={() => setParams(new URLSearchParams(), { replace: true })} data-testid="report-filter-clear">
            {t('reports.filter.clear')}
          </Button>
        )}
      </Group>
      <ExportButtons dataset="reports" filter={filter} testId="report-export" />
      <ProblemAlert error={reports.error ?? lookups.error} />
      {reports.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Text c="dimmed" data-testid="report-none">
          {filtered ? t('reports.noneFiltered') : t('reports.none')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="report-list">
          {rows.map((r) => (
            <ReportRow key={r.id} report={r} lookups={lookups} />
          ))}
        </Stack>
      )}
      {reports.hasNextPage && (
        <Group justify="center">
          <Button variant="light" onClick={() => void reports.fetchNextPage()} loading={reports.isFetchingNextPage} data-testid="report-more">
            {t('reports.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
