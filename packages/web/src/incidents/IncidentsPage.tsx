import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useLookups, useReportText } from '../reports/labels.ts';
import { useIncidents, type IncidentSummary } from './api.ts';
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
          {incident.typeCodes.map(text.type).join(' · ') || t('incidents.title')}
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

/** /incidents: the incidents this user may see, newest first. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const lookups = useLookups();
  const incidents = useIncidents();
  return (
    <Stack gap="md">
      <PageHeader title={t('incidents.title')} description={t('incidents.description')} />
      <ExportButtons dataset="incidents" filter={{}} testId="incident-export" />
      <ProblemAlert error={incidents.error ?? lookups.error} />
      {incidents.isPending || lookups.pending ? (
        <Loading />
      ) : (incidents.data ?? []).length === 0 ? (
        <Text c="dimmed" data-testid="incident-none">
          {t('incidents.none')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="incident-list">
          {incidents.data!.map((i) => (
            <IncidentRow key={i.id} incident={i} lookups={lookups} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
