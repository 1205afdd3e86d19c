import { useState } from 'react';
import { Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.ts';
import type { Proof } from '@truce/server/schemas/log';
import type { LogEntries, LogEntryBody, LogEntryDetail, LogEntrySummary, Organisation } from '../api/types.ts';
import { byId, useOrganisations } from '../accounts/api.ts';
import { Loading } from '../components/Loading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { pinnedKey } from './storage.ts';
import { checkInclusion, type CheckpointCheck, type InclusionResult } from './verify.ts';

const PAGE = 25;

/** A listed entry, read for its usual fields: one damaged or changed in the database may lack some (its inclusion check then fails). */
type Listed = Omit<LogEntrySummary, 'entry'> & { entry: Partial<LogEntryBody> };

/** "organisation.created" → the translated name of that kind of change, or the type itself. */
function useEntryType() {
  const { t } = useTranslation();
  return (type: string) => t(`entryType.${type.replace(/\./g, '_')}`, { defaultValue: type });
}

function subjectText(subject: Record<string, string>, orgs: Map<string, Organisation>, t: (k: string, o?: Record<string, unknown>) => string): string {
  return Object.entries(subject)
    .map(([kind, id]) => `${t(`subjectKind.${kind}`, { defaultValue: kind })}: ${orgs.get(id)?.shortName ?? shortId(id)}`)
    .join(', ');
}

/** A UUIDv7 begins with its time, shared by rows made together: its random end tells them apart. */
export function shortId(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? `…${id.slice(-8)}` : id;
}

/** The record's entries, newest first, each with an inclusion check against the verified checkpoint. */
export function EntryList({ verified }: { verified: CheckpointCheck | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const entryType = useEntryType();
  const organisations = useOrganisations();
  const orgs = byId(organisations.data);
  const [before, setBefore] = useState<number | null>(null);
  const [results, setResults] = useState<Record<number, InclusionResult | 'checking'>>({});
  const phone = useMediaQuery('(max-width: 48em)') ?? false;

  const query = useQuery({
    queryKey: ['log', 'entries', before, verified?.checkpoint?.size],
    queryFn: () =>
      get<LogEntries>(
        before === null ? `/api/log/entries?limit=${PAGE}` : `/api/log/entries?from=${Math.max(0, before - PAGE)}&limit=${Math.min(PAGE, before)}`,
      ),
  });
  const entries = [...(query.data?.entries ?? [])].sort((a, b) => b.index - a.index) as Listed[];
  const oldest = entries.length > 0 ? entries[entries.length - 1].index : 0;

  const check = async (summary: Listed) => {
    if (!verified?.checkpoint) return;
    setResults((r) => ({ ...r, [summary.index]: 'checking' }));
    let result: InclusionResult;
    try {
      const detail = await get<LogEntryDetail>(`/api/log/entries/${summary.index}`);
      result = await checkInclusion({
        index: summary.index,
        shown: summary.entry,
        entryBase64: detail.entryBase64,
        servedProof: { proof: detail.proof, checkpoint: detail.checkpoint },
        verified: verified.checkpoint,
        pinnedKey: pinnedKey() ?? verified.key.pinned,
        inclusionProof: async (index, size) => (await get<Proof>(`/api/log/proof/inclusion?index=${index}&tree_size=${size}`)).proof,
      });
    } catch (err) {
      result = { state: 'not-included', size: verified.checkpoint.size, reason: 'error', message: err instanceof Error ? err.message : String(err) };
    }
    setResults((r) => ({ ...r, [summary.index]: result }));
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4">
          {t('record.entriesTitle')}
        </Title>
        {query.data && (
          <Text size="sm" c="dimmed">
            {t('record.entries', { count: query.data.size, n: fmt.number(query.data.size) })}
          </Text>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('record.entriesHelp')}
      </Text>
      <ProblemAlert error={query.error} />
      {query.isPending ? (
        <Loading />
      ) : phone ? (
        <Stack gap="xs" data-testid="entry-list">
          {entries.map((e) => (
            <Paper key={e.index} withBorder p="sm" radius="sm" data-testid="entry-row" data-index={e.index}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <Text size="sm" fw={600}>
                  {fmt.number(e.index)} · {entryType(e.entry.type ?? '')}
                </Text>
                <InclusionCell result={results[e.index]} disabled={!verified} onCheck={() => void check(e)} index={e.index} />
              </Group>
              <Text size="xs" c="dimmed">
                {e.entry.time ? fmt.dateTime(e.entry.time) : '—'} ·{' '}
                {e.entry.actor ? (orgs.get(e.entry.actor.organisation)?.shortName ?? shortId(e.entry.actor.organisation)) : t('record.system')}
              </Text>
              {e.entry.subject && (
                <Text size="xs" className="truce-break">
                  {subjectText(e.entry.subject, orgs, t)}
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      ) : (
        <div className="truce-table-scroll">
          <Table striped data-testid="entry-list" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('record.type')}</Table.Th>
                <Table.Th>{t('record.time')}</Table.Th>
                <Table.Th>{t('record.actor')}</Table.Th>
                <Table.Th>{t('record.subject')}</Table.Th>
                <Table.Th>{t('record.inclusion')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.index} data-testid="entry-row" data-index={e.index}>
                  <Table.Td>{fmt.number(e.index)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" title={e.entry.type}>
                      {entryType(e.entry.type ?? '')}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.entry.time ? fmt.dateTime(e.entry.time) : '—'}</Table.Td>
                  <Table.Td>
                    {e.entry.actor ? (orgs.get(e.entry.actor.organisation)?.shortName ?? shortId(e.entry.actor.organisation)) : t('record.system')}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="truce-break">
                      {e.entry.subject ? subjectText(e.entry.subject, orgs, t) : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <InclusionCell result={results[e.index]} disabled={!verified} onCheck={() => void check(e)} index={e.index} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <Group>
        {before !== null && (
          <Button variant="subtle" size="xs" onClick={() => setBefore(null)}>
            {t('record.newest')}
          </Button>
        )}
        {oldest > 0 && (
          <Button variant="light" size="xs" onClick={() => setBefore(oldest)} data-testid="entries-older">
            {t('record.older')}
          </Button>
        )}
      </Group>
      <InclusionLegend results={results} />
    </Stack>
  );
}

function InclusionCell({
  result,
  disabled,
  onCheck,
  index,
}: {
  result: InclusionResult | 'checking' | undefined;
  disabled: boolean;
  onCheck: () => void;
  index: number;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const testId = `entry-inclusion-${index}`;
  if (result === undefined || result === 'checking') {
    return (
      <Button size="compact-xs" variant="light" onClick={onCheck} disabled={disabled} loading={result === 'checking'} data-testid={`entry-check-${index}`}>
        {t('record.check')}
      </Button>
    );
  }
  if (result.state === 'included') {
    return (
      <Badge color="teal" variant="light" data-testid={testId} data-state="included" title={t('record.includedTitle', { size: fmt.number(result.size) })}>
        {t('record.included')}
      </Badge>
    );
  }
  if (result.state === 'newer') {
    return (
      <Badge color="gray" variant="light" data-testid={testId} data-state="newer">
        {t('record.newer')}
      </Badge>
    );
  }
  return (
    <Badge color="red" variant="filled" data-testid={testId} data-state="not-included" title={result.message}>
      {t(`record.notIncluded.${result.reason}`)}
    </Badge>
  );
}

/** Explains a failed inclusion check below the table, where there is room for a sentence. */
function InclusionLegend({ results }: { results: Record<number, InclusionResult | 'checking'> }) {
  const { t } = useTranslation();
  const failed = Object.entries(results).filter(([, r]) => r !== 'checking' && r.state === 'not-included');
  if (failed.length === 0) return null;
  return (
    <Stack gap={4}>
      {failed.map(([index, r]) => (
        <Text key={index} size="sm" c="red.9" fw={600}>
          {t('record.notIncludedExplain', { index })} {r !== 'checking' && r.state === 'not-included' && r.message ? <Code>{r.message}</Code> : null}
        </Text>
      ))}
    </Stack>
  );
}
