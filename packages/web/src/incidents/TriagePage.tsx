import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { StartIncidentConfirm } from './StartIncidentConfirm.tsx';
import { get } from '../api/client.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useLookups, useReportText } from '../reports/labels.ts';
import { sendAddReport, sendNewIncident, useIncidentAction, useTriageQueue, type Incident, type TriageQueue } from './api.ts';

type Item = TriageQueue['items'][number];
/** The server takes at most this many reports into one new incident. */
const MAX_SELECTED = 100;

/**
 * /triage: the reports no incident holds yet, newest first, for the secretariat and the
 * guarantors to sort. Each shows the incidents it may belong to and the other reports in
 * the queue that look like the same event; several can be selected and grouped into one
 * incident at once. Starting an incident starts the accused parties' reply clock, so it is
 * confirmed first, naming who will be notified and by when they must reply.
 */
export function TriagePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queue = useTriageQueue();
  const lookups = useLookups();
  const text = useReportText(lookups);
  const [selected, setSelected] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [started, setStarted] = useState<Incident | null>(null);
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const total = queue.data?.pages[0]?.total;
  const byId = new Map(items.map((i) => [i.report.id, i]));

  const select = (ids: string[], on: boolean) => {
    setStarted(null);
    setConfirming(false);
    setSelected((s) => (on ? [...new Set([...s, ...ids])].slice(0, MAX_SELECTED) : s.filter((id) => !ids.includes(id))));
  };
  const create = useIncidentAction(
    () => sendNewIncident({ reportIds: selected }),
    (incident) => {
      setStarted(incident);
      setSelected([]);
      setConfirming(false);
    },
  );
  // The incident's version is read just before saving, so that the server can refuse a stale change.
  const add = useIncidentAction(
    async ({ incidentId, reportId }: { incidentId: string; reportId: string }) => {
      const current = await get<Incident>(`/api/incidents/${encodeURIComponent(incidentId)}`);
      return sendAddReport(incidentId)({ reportId, version: current.version });
    },
    (incident) => {
      setStarted(incident);
      setSelected((s) => s.filter((id) => !incident.reports.some((r) => r.id === id)));
    },
  );

  const accused = [
    ...new Set(
      selected.flatMap((id) => {
        const p = byId.get(id)?.report.allegedPerpetrator;
        return p?.kind === 'party' ? [text.organisation(p.organisationId)] : [];
      }),
    ),
  ];

  return (
    <Stack gap="md">
      <PageHeader title={t('triage.title')} description={t('triage.description')} />
      <Text size="sm" fw={600} data-testid="triage-total" data-total={total ?? ''}>
        {total === undefined ? '' : t('triage.total', { count: total, n: fmt.number(total) })}
      </Text>
      <ProblemAlert error={queue.error ?? lookups.error ?? create.error ?? add.error} />
      {started && (
        <Alert color="green" variant="light" data-testid="triage-started" withCloseButton onClose={() => setStarted(null)} closeButtonLabel={t('triage.close')}>
          {t('triage.grouped', { count: started.reports.length, n: fmt.number(started.reports.length) })}{' '}
          <Anchor component={Link} to={`/incidents/${started.id}`} data-testid="triage-started-link">
            {t('triage.openIncident')}
          </Anchor>
        </Alert>
      )}
      {selected.length > 0 && (
        <Card withBorder padding="sm" pos="sticky" top={60} style={{ zIndex: 2 }} data-testid="triage-selection">
          {!confirming ? (
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={600}>
                {t('triage.selected', { count: selected.length, n: fmt.number(selected.length) })}
              </Text>
              <Group gap="xs">
                <Button size="xs" onClick={() => setConfirming(true)} data-testid="triage-new">
                  {t('triage.newIncident', { count: selected.length, n: fmt.number(selected.length) })}
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setSelected([])} data-testid="triage-clear">
                  {t('triage.clear')}
                </Button>
              </Group>
            </Group>
          ) : (
            <StartIncidentConfirm
              title={t('triage.confirmTitle', { count: selected.length, n: fmt.number(selected.length) })}
              accused={accused}
              pending={create.isPending}
              onConfirm={() => create.mutate(undefined)}
              onCancel={() => setConfirming(false)}
              testIds={{ alert: 'triage-confirm', yes: 'triage-confirm-yes', no: 'triage-confirm-no' }}
            />
          )}
        </Card>
      )}
      {queue.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text c="dimmed" data-testid="triage-none">
          {t('triage.none')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="triage-list">
          {items.map((item) => (
            <TriageItem
              key={item.report.id}
              item={item}
              text={text}
              checked={selected.includes(item.report.id)}
              queued={byId}
              onSelect={select}
              onAdd={(incidentId) => add.mutate({ incidentId, reportId: item.report.id })}
              adding={add.isPending && add.variables?.reportId === item.report.id}
            />
          ))}
        </Stack>
      )}
      {queue.hasNextPage && (
        <Group justify="center">
          <Button variant="light" onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage} data-testid="triage-more">
            {t('triage.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function TriageItem(props: {
  item: Item;
  text: ReturnType<typeof useReportText>;
  checked: boolean;
  queued: Map<string, Item>;
  onSelect: (ids: string[], on: boolean) => void;
  onAdd: (incidentId: string) => void;
  adding: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { item, text } = props;
  const r = item.report;
  const place = text.placeParts(r.location, r.areas);
  const type = text.type(r.typeCode);
  const apart = (p: { hoursApart: number; kmApart: number }) =>
    t('incidents.grouping.apart', { hours: fmt.number(Math.round(p.hoursApart * 10) / 10), km: fmt.number(Math.round(p.kmApart * 10) / 10) });
  // Only companions shown in the queue can be selected: the confirmation must name every accused party.
  const companions = item.companions.map((c) => c.reportId).filter((id) => props.queued.has(id));
  return (
    <Card withBorder padding="sm" data-testid="triage-item" data-id={r.id}>
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <Checkbox
          mt={4}
          checked={props.checked}
          onChange={(e) => props.onSelect([r.id], e.currentTarget.checked)}
          aria-label={t('triage.select', { type, when: text.when(r.occurredAt, r.timePrecision) })}
          data-testid="triage-check"
        />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" gap="xs">
            <Anchor component={Link} to={`/reports/${r.id}`} fw={600} dir="auto">
              {type}
            </Anchor>
            <Text size="xs" c="dimmed">
              {t('triage.filed', { when: fmt.dateTime(r.filedAt), by: text.organisation(r.reporterOrganisationId) })}
            </Text>
          </Group>
          <Text size="sm">{text.when(r.occurredAt, r.timePrecision)}</Text>
          {place.length > 0 && (
            <Text size="sm" c="dimmed" className="truce-break">
              {place.map((part, i) => (
                <span key={i}>
                  {i > 0 && ' · '}
                  <bdi dir="auto">{part}</bdi>
                </span>
              ))}
            </Text>
          )}
          <Text size="sm">
            {t('reports.row.alleged')} <bdi>{text.perpetrator(r.allegedPerpetrator)}</bdi>
          </Text>
          {item.incidents.map((p) => (
            <Group key={p.incidentId} gap="xs" mt={4} data-testid="triage-proposal" data-incident={p.incidentId}>
              <Badge size="sm" variant="light">
                {t('incidents.grouping.score', { score: fmt.number(Math.round(p.score * 100) / 100) })}
              </Badge>
              <Anchor component={Link} to={`/incidents/${p.incidentId}`} size="sm">
                {t('triage.mayBelong')}
              </Anchor>
              <Text size="xs" c="dimmed">
                {apart(p)}
                {p.sameType && ` · ${t('incidents.grouping.sameType')}`}
              </Text>
              <Button size="compact-xs" variant="light" loading={props.adding} onClick={() => props.onAdd(p.incidentId)} data-testid="triage-add">
                {t('incidents.grouping.add')}
              </Button>
            </Group>
          ))}
          {item.companions.length > 0 && (
            <Group gap="xs" mt={4} data-testid="triage-companions">
              <Text size="sm">{t('triage.companions', { count: item.companions.length, n: fmt.number(item.companions.length) })}</Text>
              {item.companions.map((c) => (
                <Text key={c.reportId} size="xs" c="dimmed">
                  {props.queued.has(c.reportId) ? text.type(props.queued.get(c.reportId)!.report.typeCode) : t('triage.laterPage')} · {apart(c)}
                </Text>
              ))}
              {companions.length > 0 && (
                <Button size="compact-xs" variant="default" onClick={() => props.onSelect([r.id, ...companions], true)} data-testid="triage-select-companions">
                  {t('triage.selectAll', { count: companions.length + 1, n: fmt.number(companions.length + 1) })}
                </Button>
              )}
            </Group>
          )}
        </Stack>
      </Group>
    </Card>
  );
}
