import { useState } from 'react';
import { Box, Card, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PERSON_CATEGORIES } from '@truce/core/detainees/person';
import { PERSON_STATUSES } from '@truce/core/detainees/status';
import { useOrganisations } from '../accounts/api.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useExchangeStats, type ExchangeState } from './api.ts';
import { EXCHANGE_COLOUR, STATUS_COLOUR } from './labels.ts';
import { useDetaineeText } from './labels.ts';
import { barShare, statsRows, type StatsRow } from './stats.ts';

const STATES: ExchangeState[] = ['proposed', 'approved', 'endorsed', 'completed', 'withdrawn'];

/** A bar drawn from the start of the line (right in Arabic and Persian), with its number beside it. */
function Bar({ value, max, colour }: { value: number; max: number; colour: string }) {
  const fmt = useFormat();
  const share = barShare(value, max);
  return (
    <Group gap={6} wrap="nowrap">
      <Box style={{ flex: '1 1 auto', minWidth: 40, background: 'var(--mantine-color-gray-1)', borderRadius: 3, height: 12 }} aria-hidden="true">
        <Box style={{ width: `${share * 100}%`, background: `var(--mantine-color-${colour}-6)`, height: '100%', borderRadius: 3 }} />
      </Box>
      <Text size="sm" fw={600} style={{ minWidth: '3ch', textAlign: 'end' }}>
        {fmt.number(value)}
      </Text>
    </Group>
  );
}

function CountsTable({
  rows,
  label,
  colourOf,
  testId,
}: {
  rows: StatsRow[];
  label: (key: string) => string;
  colourOf: (key: string) => string;
  testId: string;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.flatMap((r) => [r.held, r.sought]));
  return (
    <Table data-testid={testId} verticalSpacing={6} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th style={{ width: '30%' }} />
          <Table.Th>{t('detainees.figures.held')}</Table.Th>
          <Table.Th>{t('detainees.figures.sought')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key} data-key={r.key} data-held={r.held} data-sought={r.sought}>
            <Table.Td>
              <Text size="sm">{label(r.key)}</Text>
            </Table.Td>
            <Table.Td>
              <Bar value={r.held} max={max} colour={colourOf(r.key)} />
            </Table.Td>
            <Table.Td>
              <Bar value={r.sought} max={max} colour={colourOf(r.key)} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * /exchanges/dashboard: counts only, for every participant — exchanges per state, and
 * persons on the held and sought lists per status and per category, for all parties or one.
 * The figures name nobody.
 */
export function ExchangeDashboardPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useDetaineeText();
  const stats = useExchangeStats();
  const orgs = useOrganisations();
  const [party, setParty] = useState('');
  const parties = (orgs.data ?? []).filter((o) => o.kind === 'party');
  const persons = stats.data?.persons ?? [];
  const byStatus = statsRows(persons, 'status', PERSON_STATUSES, party);
  const byCategory = statsRows(persons, 'category', [...PERSON_CATEGORIES, 'unknown'], party);
  const categoryLabel = (k: string) => (k === 'unknown' ? t('detainees.figures.noCategory') : text.category(k));

  return (
    <Stack gap="md">
      <PageHeader title={t('detainees.figures.title')} description={t('detainees.figures.description')} />
      <ProblemAlert error={stats.error} />
      {stats.isPending ? (
        <Loading />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, xs: 3, sm: 5 }} spacing="xs" data-testid="figures-exchanges">
            {STATES.map((s) => (
              <Card key={s} withBorder padding="xs" data-state={s} data-n={stats.data?.exchanges[s] ?? 0}>
                <Text size="xl" fw={700} c={`${EXCHANGE_COLOUR[s]}.8`}>
                  {fmt.number(stats.data?.exchanges[s] ?? 0)}
                </Text>
                <Text size="xs">{text.exchangeState(s)}</Text>
              </Card>
            ))}
          </SimpleGrid>
          <NativeSelect
            label={t('detainees.figures.party')}
            value={party}
            onChange={(e) => setParty(e.currentTarget.value)}
            data={[{ value: '', label: t('detainees.figures.allParties') }, ...parties.map((p) => ({ value: p.id, label: p.name }))]}
            maw={360}
            data-testid="figures-party"
          />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Card withBorder padding="md">
              <Title order={3} size="h5" mb="sm">
                {t('detainees.figures.byStatus')}
              </Title>
              <CountsTable
                rows={byStatus}
                label={text.status}
                colourOf={(k) => STATUS_COLOUR[k as keyof typeof STATUS_COLOUR] ?? 'gray'}
                testId="figures-status"
              />
            </Card>
            <Card withBorder padding="md">
              <Title order={3} size="h5" mb="sm">
                {t('detainees.figures.byCategory')}
              </Title>
              <CountsTable rows={byCategory} label={categoryLabel} colourOf={() => 'blue'} testId="figures-category" />
            </Card>
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('detainees.figures.note')}
          </Text>
        </>
      )}
    </Stack>
  );
}
