import { useState } from 'react';
import { Badge, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../app/permissions.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useLists, useQueueRun, useRuns, type ListSummary, type MatchRun } from './api.ts';
import { TableScroll } from '../components/TableScroll.tsx';

const RUN_COLOUR: Record<MatchRun['status'], string> = { queued: 'gray', running: 'blue', done: 'green', failed: 'red' };

/** "Northern Dawn · sought (v3)". */
export function useListName(lists: ListSummary[] | undefined) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (id: string, version?: number) => {
    const l = lists?.find((x) => x.id === id);
    if (!l) return t('detainees.match.unknownList');
    const v = version === undefined ? '' : ` · ${t('detainees.match.versionShort', { version: fmt.number(version) })}`;
    // The party's name isolated (FSI…PDI), so that a Latin name keeps its place in an Arabic line.
    return `\u2068${l.partyShortName || l.partyName}\u2069 · ${t(`detainees.kind.${l.kind}`)}${v}`;
  };
}

/** Whether a run was on versions of its lists that are no longer the current ones. */
export function runOutdated(run: MatchRun, lists: ListSummary[] | undefined): boolean {
  const version = (id: string) => lists?.find((l) => l.id === id)?.version;
  const sought = version(run.soughtListId);
  const held = version(run.heldListId);
  return (sought !== undefined && sought > run.soughtVersion) || (held !== undefined && held > run.heldVersion);
}

export function RunStatus({ run, outdated = false }: { run: MatchRun; outdated?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" component="span">
      <Badge color={RUN_COLOUR[run.status]} variant="light" size="sm" data-testid="run-status" data-status={run.status}>
        {t(`detainees.match.runStatus.${run.status}`)}
      </Badge>
      {outdated && (
        <Badge color="gray" variant="outline" size="sm" data-testid="run-outdated" title={t('detainees.match.outdatedHelp')}>
          {t('detainees.match.outdated')}
        </Badge>
      )}
    </Group>
  );
}

/** The figures worth a reviewer's glance, in this order; the others are in the tooltip. */
const MAIN_FIGURES = ['sought', 'held', 'candidatesKept', 'totalMs'] as const;

/** A run's figures as the matcher reports them: the main ones shown, every one in the tooltip. */
export function RunFigures({ run }: { run: MatchRun }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  if (run.error) {
    return (
      <Text size="xs" c="red.8" className="truce-break" lang="en" dir="ltr">
        {run.error}
      </Text>
    );
  }
  const stats = run.stats ?? {};
  const all = Object.entries(stats).filter(([, v]) => typeof v === 'number');
  const main = MAIN_FIGURES.filter((k) => typeof stats[k] === 'number');
  if (all.length === 0)
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  return (
    <Text size="xs" className="truce-break" title={all.map(([k, v]) => `${k}: ${v}`).join('\n')} data-testid="run-figures">
      {(main.length > 0 ? main.map((k) => [k, stats[k]] as const) : all).map(([k, v], i) => (
        <span key={k}>
          {i > 0 && ' · '}
          {t(`detainees.match.stat.${k}`, { defaultValue: k })}: {fmt.number(v)}
        </span>
      ))}
    </Text>
  );
}

/** Queue a run on the lists as they now stand: a sought list against another party's held list, or a list alone for duplicates. */
function QueueRun({ lists }: { lists: ListSummary[] }) {
  const { t } = useTranslation();
  const name = useListName(lists);
  const queue = useQueueRun();
  const sought = lists.filter((l) => l.kind === 'sought' && l.version > 0);
  const [soughtId, setSoughtId] = useState(sought[0]?.id ?? '');
  const chosen = lists.find((l) => l.id === soughtId);
  const held = lists.filter((l) => l.kind === 'held' && l.version > 0 && l.partyId !== chosen?.partyId);
  const [heldId, setHeldId] = useState('');
  const heldValue = heldId === 'dedupe' || held.some((h) => h.id === heldId) ? heldId : (held[0]?.id ?? 'dedupe');
  return (
    <Card withBorder padding="md" data-testid="run-queue">
      <Title order={3} size="h5" mb={4}>
        {t('detainees.match.queueTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('detainees.match.queueHelp')}
      </Text>
      {sought.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('detainees.match.noSought')}
        </Text>
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label={t('detainees.match.soughtList')}
              value={soughtId}
              onChange={(e) => setSoughtId(e.currentTarget.value)}
              data={sought.map((l) => ({ value: l.id, label: name(l.id) }))}
              data-testid="run-sought"
            />
            <NativeSelect
              label={t('detainees.match.heldList')}
              value={heldValue}
              onChange={(e) => setHeldId(e.currentTarget.value)}
              data={[...held.map((l) => ({ value: l.id, label: name(l.id) })), { value: 'dedupe', label: t('detainees.match.dedupe') }]}
              data-testid="run-held"
            />
          </SimpleGrid>
          <ProblemAlert error={queue.error} />
          <Group justify="flex-end">
            <Button
              onClick={() => queue.mutate({ soughtListId: soughtId, ...(heldValue === 'dedupe' ? {} : { heldListId: heldValue }) })}
              loading={queue.isPending}
              data-testid="run-queue-submit"
            >
              {t('detainees.match.queue')}
            </Button>
          </Group>
          {queue.isSuccess && (
            <Text size="sm" c="teal.8" data-testid="run-queued">
              {t('detainees.match.queued')}
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}

/**
 * /detainees/matching (facilitator and guarantors): the matching runs — queued by every new
 * version of a list, or here by hand — with their state and figures, each opening its
 * candidates for review.
 */
export function MatchingPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const permissions = usePermissions();
  const runs = useRuns();
  const lists = useLists();
  const name = useListName(lists.data);
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const canQueue = permissions.can('detainees.match');

  return (
    <Stack gap="md">
      <PageHeader title={t('detainees.match.title')} description={t('detainees.match.description')} />
      <ProblemAlert error={runs.error ?? lists.error} />
      {canQueue && lists.data && <QueueRun lists={lists.data} />}
      <Title order={3} size="h4">
        {t('detainees.match.runs')}
      </Title>
      {runs.isPending || lists.isPending ? (
        <Loading />
      ) : (runs.data ?? []).length === 0 ? (
        <Text c="dimmed">{t('detainees.match.noRuns')}</Text>
      ) : phone ? (
        <Stack gap="xs" data-testid="runs">
          {runs.data!.map((r) => (
            <Card
              key={r.id}
              withBorder
              padding="sm"
              component={Link}
              to={`/detainees/matching/${r.id}`}
              data-testid="run-row"
              data-id={r.id}
              data-kind={r.kind}
            >
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" fw={600} c="blue.8">
                  {r.kind === 'dedupe' ? t('detainees.match.dedupeRun') : t('detainees.match.matchRun')}
                </Text>
                <RunStatus run={r} outdated={runOutdated(r, lists.data)} />
              </Group>
              <Text size="sm">
                <bdi>{name(r.soughtListId, r.soughtVersion)}</bdi>
              </Text>
              {r.kind === 'match' && (
                <Text size="sm">
                  ↔ <bdi>{name(r.heldListId, r.heldVersion)}</bdi>
                </Text>
              )}
              <RunFigures run={r} />
              <Text size="xs" c="dimmed">
                {fmt.dateTime(r.requestedAt)}
              </Text>
            </Card>
          ))}
        </Stack>
      ) : (
        <TableScroll>
          <Table striped highlightOnHover data-testid="runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('detainees.match.state')}</Table.Th>
                <Table.Th>{t('detainees.match.soughtList')}</Table.Th>
                <Table.Th>{t('detainees.match.heldList')}</Table.Th>
                <Table.Th>{t('detainees.match.figures')}</Table.Th>
                <Table.Th>{t('detainees.match.requested')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data!.map((r) => (
                <Table.Tr key={r.id} data-testid="run-row" data-id={r.id} data-kind={r.kind}>
                  <Table.Td>
                    <RunStatus run={r} outdated={runOutdated(r, lists.data)} />
                  </Table.Td>
                  <Table.Td>
                    <bdi>{name(r.soughtListId, r.soughtVersion)}</bdi>
                  </Table.Td>
                  <Table.Td>
                    {r.kind === 'dedupe' ? (
                      <Text size="sm" c="dimmed">
                        {t('detainees.match.dedupe')}
                      </Text>
                    ) : (
                      <bdi>{name(r.heldListId, r.heldVersion)}</bdi>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <RunFigures run={r} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(r.requestedAt)}</Table.Td>
                  <Table.Td>
                    <Button component={Link} to={`/detainees/matching/${r.id}`} size="xs" variant="light" data-testid="run-open">
                      {t('detainees.match.review')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}
