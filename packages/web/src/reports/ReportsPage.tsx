import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../app/permissions.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useReports, type ReportFilter } from './api.ts';
import { useLookups } from './labels.ts';
import { ReportRow } from './ReportRow.tsx';
import { ExportButtons } from '../exports/ExportButtons.tsx';

const FILTERS = ['from', 'to', 'type', 'allegedParty'] as const;

/**
 * /reports: the reports this user may see, newest first, filtered by period, type and
 * alleged party. The filters live in the address, so a filtered list can be reloaded or shared.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const lookups = useLookups();
  const [params, setParams] = useSearchParams();
  const filter: ReportFilter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''] as const).filter(([, v]) => v));
  const reports = useReports(filter);
  const rows = reports.data?.pages.flatMap((p) => p.reports) ?? [];

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
          data={[{ value: '', label: t('reports.filter.anyType') }, ...lookups.types.map((v) => ({ value: v.code, label: v.label }))]}
          data-testid="report-filter-type"
        />
        <NativeSelect
          label={t('reports.filter.alleged')}
          value={filter.allegedParty ?? ''}
          onChange={(e) => setFilter('allegedParty', e.currentTarget.value)}
          data={[{ value: '', label: t('reports.filter.anyParty') }, ...lookups.parties.map((p) => ({ value: p.id, label: p.shortName || p.name }))]}
          data-testid="report-filter-alleged"
        />
      </SimpleGrid>
      {filtered && (
        <Group>
          <Button size="xs" variant="subtle" onClick={() => setParams(new URLSearchParams(), { replace: true })} data-testid="report-filter-clear">
            {t('reports.filter.clear')}
          </Button>
        </Group>
      )}
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
