import { Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { StartIncidentConfirm } from './StartIncidentConfirm.tsx';
import { get } from '../api/client.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { sendAddReport, sendNewIncident, useGrouping, useIncidentAction, type Incident } from './api.ts';

/**
 * For the secretariat and the guarantors on a report's page: the incidents the report may
 * belong to (proposed by time, distance and type, with the reasons), and the choice — a
 * person confirms — to add it to one of them or to start a new incident from it. Starting
 * one starts the accused party's reply clock, so it is asked twice, saying who will be
 * notified and by when they must reply.
 */
export function GroupingPanel({ reportId, accused }: { reportId: string; accused: string[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const grouping = useGrouping(reportId, true);
  const [confirming, setConfirming] = useState(false);
  // The incident's version is read just before saving, so that the server can refuse a stale change.
  const add = useIncidentAction(
    async (incidentId: string) => {
      const current = await get<Incident>(`/api/incidents/${encodeURIComponent(incidentId)}`);
      return sendAddReport(incidentId)({ reportId, version: current.version });
    },
    (inc) => navigate(`/incidents/${inc.id}`),
  );
  const create = useIncidentAction(
    () => sendNewIncident({ reportIds: [reportId] }),
    (inc) => navigate(`/incidents/${inc.id}`),
  );
  const g = grouping.data;

  return (
    <Card withBorder padding="md" data-testid="grouping-panel">
      <Title order={3} size="h5" mb="sm">
        {t('incidents.grouping.title')}
      </Title>
      <ProblemAlert error={grouping.error ?? add.error ?? create.error} />
      {g && (
        <Stack gap="sm">
          {g.currentIncident ? (
            <Text size="sm" data-testid="grouping-current">
              {t('incidents.grouping.current')}{' '}
              <Anchor component={Link} to={`/incidents/${g.currentIncident}`}>
                {t('incidents.grouping.open')}
              </Anchor>
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('incidents.grouping.none')}
            </Text>
          )}
          {g.proposals.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('incidents.grouping.noProposals')}
            </Text>
          ) : (
            g.proposals.map((p) => (
              <Card key={p.incidentId} withBorder padding="sm" data-testid="grouping-proposal" data-incident={p.incidentId}>
                <Group justify="space-between" align="flex-start" gap="xs">
                  <Stack gap={2}>
                    <Group gap="xs">
                      <Anchor component={Link} to={`/incidents/${p.incidentId}`} size="sm" fw={600}>
                        {t('incidents.grouping.incident')}
                      </Anchor>
                      <Badge size="xs" variant="light">
                        {t('incidents.grouping.score', { score: fmt.number(Math.round(p.score * 100) / 100) })}
                      </Badge>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {t('incidents.grouping.apart', {
                        hours: fmt.number(Math.round(p.hoursApart * 10) / 10),
                        km: fmt.number(Math.round(p.kmApart * 10) / 10),
                      })}
                      {p.sameType && ` · ${t('incidents.grouping.sameType')}`}
                    </Text>
                    <List size="xs" spacing={2}>
                      {p.reasons.map((r, i) => (
                        <List.Item key={i}>
                          <span dir="auto">{r}</span>
                        </List.Item>
                      ))}
                    </List>
                  </Stack>
                  <Button
                    size="xs"
                    variant="light"
                    loading={add.isPending && add.variables === p.incidentId}
                    onClick={() => add.mutate(p.incidentId)}
                    data-testid="grouping-add"
                  >
                    {t('incidents.grouping.add')}
                  </Button>
                </Group>
              </Card>
            ))
          )}
          {!g.currentIncident && !confirming && (
            <Group>
              <Button size="xs" variant="default" onClick={() => setConfirming(true)} data-testid="grouping-new">
                {t('incidents.grouping.new')}
              </Button>
            </Group>
          )}
          {!g.currentIncident && confirming && (
            <StartIncidentConfirm
              title={t('incidents.grouping.confirmTitle')}
              accused={accused}
              pending={create.isPending}
              onConfirm={() => create.mutate(undefined)}
              onCancel={() => setConfirming(false)}
              testIds={{ alert: 'grouping-confirm', yes: 'grouping-new-confirm', no: 'grouping-new-cancel' }}
            />
          )}
        </Stack>
      )}
    </Card>
  );
}
