import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useLookups } from '../reports/labels.ts';
import { localName } from '../reports/geo.ts';
import { query, useDashboard, useFilter, type Dashboard, type Filter } from './api.ts';
import { Bars, PALETTE, WeekChart, weekData } from './charts.tsx';
import { FilterBar } from './FilterBar.tsx';

/** /dashboard (C10): totals and their trend, casualties, reports by week, party and governorate, and what is open. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lookups = useLookups();
  const state = useFilter();
  const { filter } = state;
  const dashboard = useDashboard(filter);
  const d = dashboard.data;
  const order = lookups.types.map((v) => v.code);
  const typeLabel = lookups.typeText;
  const colourOf = (code: string) => {
    const i = order.indexOf(code);
    return PALETTE[(i < 0 ? order.length + code.length : i) % PALETTE.length];
  };
  const partyName = (id: string | null) => (id ? (lookups.orgShort(id) ?? t('reports.unknownOrganisation')) : t('dashboard.noParty'));

  return (
    <Stack gap="md" data-testid="dashboard">
      <PageHeader title={t('dashboard.title')} description={t('dashboard.description')} actions={<Exports filter={filter} search={state.search} />} />
      <FilterBar state={state} lookups={lookups} />
      <ProblemAlert error={dashboard.error ?? lookups.error} />
      {!d ? (
        dashboard.isPending && <Loading />
      ) : (
        <>
          <Totals d={d} days={state.days} />
          <Card withBorder padding="md">
            <Title order={3} size="h5" mb="xs">
              {t('dashboard.week.title')}
            </Title>
            <WeekChart data={weekData(d.byWeek, d.period.from, d.period.to, order)} typeLabel={typeLabel} colourOf={colourOf} />
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Card withBorder padding="md">
              <Title order={3} size="h5" mb="xs">
                {t('dashboard.byParty')}
              </Title>
              <Bars
                label={t('dashboard.byParty')}
                testId="dashboard-party-bars"
                rows={d.byParty.map((p) => ({ key: p.partyId ?? 'none', label: partyName(p.partyId), count: p.count }))}
              />
            </Card>
            <Card withBorder padding="md">
              <Title order={3} size="h5" mb="xs">
                {t('dashboard.byGovernorate')}
              </Title>
              <Bars
                label={t('dashboard.byGovernorate')}
                testId="dashboard-governorate-bars"
                colour="var(--mantine-color-teal-6)"
                rows={d.byGovernorate.map((g) => ({
                  key: g.pcode ?? 'none',
                  label: g.pcode ? localName(i18n.language, g.nameEn ?? '', g.nameAr ?? '') : t('dashboard.noGovernorate'),
                  count: g.count,
                }))}
              />
            </Card>
          </SimpleGrid>
          {d.open && <Open open={d.open} />}
        </>
      )}
    </Stack>
  );
}

function Exports({ filter, search }: { filter: Filter; search: string }) {
  const { t } = useTranslation();
  const q = query(filter);
  return (
    <Group gap="xs">
      <Button component="a" variant="light" size="xs" href={`/api/reports/export.csv?${q}`} download data-testid="dashboard-export-csv">
        {t('dashboard.exportCsv')}
      </Button>
      <Button component="a" variant="light" size="xs" href={`/api/reports/export.geojson?${q}`} download data-testid="dashboard-export-geojson">
        {t('dashboard.exportGeojson')}
      </Button>
      <Button component={Link} variant="subtle" size="xs" to={`/map${search ? `?${search}` : ''}`} data-testid="dashboard-open-map">
        {t('dashboard.openMap')}
      </Button>
    </Group>
  );
}

function Totals({ d, days }: { d: Dashboard; days: number }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 });
  const { trend, totals } = d;
  const trendText =
    trend.change === null
      ? t('dashboard.trend.noPrevious', { count: days, n: fmt.number(days) })
      : t('dashboard.trend.change', { change: pct.format(trend.change / 100), count: days, n: fmt.number(days) });
  const trendColour = trend.change === null || trend.direction === 'flat' ? 'dimmed' : trend.direction === 'up' ? 'red.8' : 'green.8';
  const arrow = trend.change === null ? '' : trend.direction === 'up' ? '▲ ' : trend.direction === 'down' ? '▼ ' : '';
  const casualty = (key: 'killed' | 'injured') => (
    <Card withBorder padding="md" data-testid={`dashboard-${key}`}>
      <Text size="sm" c="dimmed">
        {t(`dashboard.${key}`)}
      </Text>
      <Text fz={26} fw={700}>
        {fmt.number(totals[key].civilian + totals[key].combatant)}
      </Text>
      <Text size="sm">
        {t('reports.casualties.civilian')}: {fmt.number(totals[key].civilian)} · {t('reports.casualties.combatant')}: {fmt.number(totals[key].combatant)}
      </Text>
      <Text size="xs" c="dimmed" data-testid={`dashboard-${key}-unknown`}>
        {t('dashboard.unknownCount', { count: totals[key].unknownCount, n: fmt.number(totals[key].unknownCount) })}
      </Text>
    </Card>
  );
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
      <Card withBorder padding="md">
        <Text size="sm" c="dimmed">
          {t('dashboard.reports')}
        </Text>
        <Text fz={26} fw={700} data-testid="dashboard-total-reports">
          {fmt.number(totals.reports)}
        </Text>
        <Text size="sm" c={trendColour} data-testid="dashboard-trend" data-direction={trend.direction}>
          {arrow}
          {trendText}
        </Text>
        <Text size="xs" c="dimmed">
          {fmt.date(d.period.from)} – {fmt.date(d.period.to)}
        </Text>
      </Card>
      <Card withBorder padding="md">
        <Text size="sm" c="dimmed">
          {t('dashboard.incidents')}
        </Text>
        <Text fz={26} fw={700} data-testid="dashboard-total-incidents">
          {fmt.number(totals.incidents ?? 0)}
        </Text>
      </Card>
      {casualty('killed')}
      {casualty('injured')}
    </SimpleGrid>
  );
}

function Open({ open }: { open: NonNullable<Dashboard['open']> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const items = ['repliesDue', 'noReply', 'assessmentsMissing', 'disagreements'] as const;
  return (
    <Card withBorder padding="md" data-testid="dashboard-open">
      <Title order={3} size="h5" mb="xs">
        {t('dashboard.open.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {items.map((k) => (
          <Card key={k} component={Link} to="/incidents" padding="sm" bg="gray.0" data-testid={`dashboard-open-${k}`}>
            <Text fz={22} fw={700} c={open[k] > 0 ? 'blue.8' : 'dimmed'}>
              {fmt.number(open[k])}
            </Text>
            <Text size="sm">{t(`dashboard.open.${k}`)}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </Card>
  );
}
