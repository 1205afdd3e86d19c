import { Badge, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { VocabularyLabel } from '../i18n/VocabularyLabel.tsx';
import { useLookups, useReportText } from '../reports/labels.ts';
import { useIncidents, VERIFICATION_OPTIONS, type IncidentFilter, type IncidentSummary } from './api.ts';
import { FINDING_COLOUR, useIncidentText } from './labels.ts';
import { ExportButtons } from '../exports/ExportButtons.tsx';
import { mechanismNow } from '../app/clock.ts';

/** The state of an incident without its detail: its finding, or whether the accused may still reply. */
export function StateBadge({ incident, now = mechanismNow() }: { incident: Pick<IncidentSummary, 'finding' | 'replyDeadline'>; now?: number }) {
  const { t } = useTranslation();
  if (incident.finding) {
    return (
      <Badge color={FINDING_COLOUR[incident.finding.verification]} variant="filled" size="sm" data-testid="incident-badge-finding">
        {t(`incidents.verification.${incident.finding.verification}`)}
      </Badge>
    );
  }
  const open = new Date(incident.replyDeadline).getTime() > now;
  return (
    <Badge color={open ? 'blue' : 'gray'} variant="light" size="sm" data-testid="incident-badge-state">
      {open ? t('incidents.state.replyOpen') : t('incidents.state.awaitingFinding')}
    </Badge>
  );
}

function IncidentRow({ incident, lookups }: { incident: IncidentSummary; lookups: ReturnType<typeof useLookups> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useReportText(lookups);
  const words = useIncidentText(text.organisation);
  const open = new Date(incident.replyDeadline).getTime() > mechanismNow();
  return (
    <Card withBorder padding="sm" component={Link} to={`/incidents/${incident.id}`} data-testid="incident-row" data-id={incident.id}>
      <Group justify="space-between" gap="xs" align="flex-start">
        <Text fw={600} c="blue.8" dir="auto">
          {incident.typeCodes.length === 0
            ? t('incidents.title')
            : incident.typeCodes.map((code, i) => (
                <span key={code}>
                  {i > 0 && ' · '}
                  <VocabularyLabel labels={text.typeLabels(code)} otherwise={code} />
                </span>
              ))}
        </Text>
        <StateBadge incident={incident} />
      </Group>
      <Text size="sm" mt={2}>
        {incident.firstOccurredAt === null ? '—' : fmt.dateTime(incident.firstOccurredAt)} ·{' '}
        {t('incidents.row.reports', { n: fmt.number(incident.reportCount) })}
      </Text>
      <Text size="sm">
        {t('incidents.row.alleged')}{' '}
        {incident.allegedPartyIds.length === 0
          ? t('reports.alleged.unknown')
          : incident.allegedPartyIds.map((id, i) => (
              <span key={id}>
                {i > 0 && ', '}
                <bdi>{text.organisation(id)}</bdi>
              </span>
            ))}
      </Text>
      {!incident.finding && (
        <Text size="xs" c="dimmed">
          {t(open ? 'incidents.row.replyBy' : 'incidents.row.replyClosed', {
            when: fmt.dateTime(incident.replyDeadline),
            relative: words.fromNow(incident.replyDeadline),
          })}
        </Text>
      )}
    </Card>
  );
}

const FILTERS = ['finding', 'reply', 'type', 'allegedParty'] as const;

/**
 * /incidents: the incidents this user may see, newest first, fifty at a time with how
 * many match in all, filtered by finding, right of reply, type and alleged party. The
 * filters live in the address (a link shows the same list) and the exports take them.
 */
export function IncidentsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lookups = useLookups();
  const [params, setParams] = useSearchParams();
  const filter: IncidentFilter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''] as const).filter(([, v]) => v));
  const incidents = useIncidents(filter);
  const rows = incidents.data?.pages.flatMap((p) => p.incidents) ?? [];
  const total = incidents.data?.pages[0]?.total;
  const filtered = FILTERS.some((k) => params.get(k));
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

  return (
    <Stack gap="md">
      <PageHeader title={t('incidents.title')} description={t('incidents.description')} />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="incident-filters">
        <NativeSelect
          label={t('incidents.filter.finding')}
          value={filter.finding ?? ''}
          onChange={(e) => setFilter('finding', e.currentTarget.value)}
          data={[
            { value: '', label: t('incidents.filter.anyFinding') },
            ...VERIFICATION_OPTIONS.map((v) => ({ value: v, label: t(`incidents.verification.${v}`) })),
            { value: 'none', label: t('incidents.filter.noFinding') },
          ]}
          data-testid="incident-filter-finding"
        />
        <NativeSelect
          label={t('incidents.filter.reply')}
          value={filter.reply ?? ''}
          onChange={(e) => setFilter('reply', e.currentTarget.value)}
          data={[
            { value: '', label: t('incidents.filter.anyReply') },
            { value: 'open', label: t('incidents.filter.replyOpen') },
            { value: 'closed', label: t('incidents.filter.replyClosed') },
          ]}
          data-testid="incident-filter-reply"
        />
        <NativeSelect
          label={t('reports.filter.type')}
          value={filter.type ?? ''}
          onChange={(e) => setFilter('type', e.currentTarget.value)}
          data={[{ value: '', label: t('reports.filter.anyType') }, ...lookups.typeOptions]}
          data-testid="incident-filter-type"
        />
        <NativeSelect
          label={t('reports.filter.alleged')}
          value={filter.allegedParty ?? ''}
          onChange={(e) => setFilter('allegedParty', e.currentTarget.value)}
          data={[{ value: '', label: t('reports.filter.anyParty') }, ...lookups.partyOptions]}
          data-testid="incident-filter-alleged"
        />
      </SimpleGrid>
      <Group justify="space-between">
        <Text size="sm" fw={600} data-testid="incident-total" data-total={total ?? ''}>
          {total === undefined ? '' : t('incidents.total', { count: total, n: fmt.number(total) })}
        </Text>
        {filtered && (
          <Button size="xs" variant="subtle" onClick={() => setParams(new URLSearchParams(), { replace: true })} data-testid="incident-filter-clear">
            {t('incidents.filter.clear')}
          </Button>
        )}
      </Group>
      <ExportButtons dataset="incidents" filter={filter} testId="incident-export" />
      <ProblemAlert error={incidents.error ?? lookups.error} />
      {incidents.isPending || lookups.pending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Text c="dimmed" data-testid="incident-none">
          {filtered ? t('incidents.noneFiltered') : t('incidents.none')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="incident-list">
          {rows.map((i) => (
            <IncidentRow key={i.id} incident={i} lookups={lookups} />
          ))}
        </Stack>
      )}
      {incidents.hasNextPage && (
        <Group justify="center">
          <Button variant="light" onClick={() => void incidents.fetchNextPage()} loading={incidents.isFetchingNextPage} data-testid="incident-more">
            {t('incidents.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
