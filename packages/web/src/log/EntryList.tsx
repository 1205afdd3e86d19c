import { Fragment, useEffect, useState } from 'react';
import { Anchor, Badge, Button, Code, Group, Paper, Stack, Table, Text, Title, useDirection } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { entryTypeKey } from '@truce/core/log/entry-types';
import { get } from '../api/client.ts';
import type { Proof } from '@truce/server/schemas/log';
import type { LogEntries, LogEntryBody, LogEntryDetail, LogEntrySummary } from '../api/types.ts';
import { byId, useOrganisations } from '../accounts/api.ts';
import { usePermissions } from '../app/permissions.ts';
import { useSession } from '../app/session.ts';
import { Loading } from '../components/Loading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { shortLabelsOf } from '../i18n/vocabulary.ts';
import { useVocabulary } from '../i18n/VocabularyLabel.tsx';
import { fromBase64 } from './logCore.ts';
import { filterQuery, RecordFilters, useRecordFilter } from './RecordFilters.tsx';
import { pinnedKey } from './storage.ts';
import { shortId, subjectParts, type LinkContext } from './subjectLinks.ts';
import { checkInclusion, type CheckpointCheck, type InclusionResult } from './verify.ts';
import { TableScroll } from '../components/TableScroll.tsx';

const PAGE = 25;
/**
 * A filtered page looks a bounded way back in the record (the server's SCAN_LIMIT), so a
 * rare filter may need several pages to fill one screen: they are fetched one after the
 * other, up to this many per request of the reader, who may then ask to look further.
 */
const AUTO_PAGES = 20;

/** A listed entry, read for its usual fields: one damaged or changed in the database may lack some (its inclusion check then fails). */
type Listed = Omit<LogEntrySummary, 'entry'> & { entry: Partial<LogEntryBody> };

/** "organisation.created" → the name of that kind of change in the reader's language, or the type itself for one this version does not know. */
function useEntryType() {
  const { t } = useTranslation();
  return (type: string) => t(`entryType.${entryTypeKey(type)}`, { defaultValue: type });
}

/** Organisations by id, named in the reader's language. */
function useOrgNames() {
  const organisations = useOrganisations();
  const vocabulary = useVocabulary();
  const orgs = byId(organisations.data);
  const short = (id: string) => {
    const o = orgs.get(id);
    return o ? vocabulary.text(shortLabelsOf(o), o.shortName || o.name) : null;
  };
  const full = (id: string) => {
    const o = orgs.get(id);
    return o ? vocabulary.text(o.labels, o.name) : null;
  };
  const options = (organisations.data ?? []).map((o) => ({ value: o.id, label: vocabulary.text(o.labels, o.name) }));
  return { short, full, options };
}

/** What the entry concerns: a link to each item the reader may open, a short reference to the others. */
function Subjects({ entry, link, orgShort }: { entry: Listed['entry']; link: LinkContext; orgShort: (id: string) => string | null }) {
  const { t } = useTranslation();
  const parts = subjectParts(entry, link);
  if (parts.length === 0) return <>—</>;
  return (
    <Text size="sm" component="span" className="truce-break">
      {parts.map((p, i) => {
        const kind = t(`record.subjects.${p.kind}`, { defaultValue: p.kind });
        const ref = (p.kind === 'organisation' ? orgShort(p.id) : null) ?? shortId(p.id);
        return (
          <Fragment key={p.kind}>
            {i > 0 && ', '}
            {p.href ? (
              <Anchor component={Link} to={p.href} size="sm" data-testid={`entry-subject-${p.kind}`} data-href={p.href}>
                {kind} <bdi dir="ltr">{ref}</bdi>
              </Anchor>
            ) : (
              <span data-testid={`entry-subject-${p.kind}`}>
                {kind} <bdi dir="ltr">{ref}</bdi>
              </span>
            )}
          </Fragment>
        );
      })}
    </Text>
  );
}

/** The raw entry, one click away: its canonical bytes as text, its leaf hash and the signed checkpoint it is proven against. */
function EntryDetail({ index, id }: { index: number; id: string }) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: ['log', 'entry', index], queryFn: () => get<LogEntryDetail>(`/api/log/entries/${index}`), staleTime: Infinity });
  if (detail.error) return <ProblemAlert error={detail.error} />;
  if (!detail.data) return <Loading />;
  const text = new TextDecoder().decode(fromBase64(detail.data.entryBase64));
  return (
    <Stack gap={6} id={id} data-testid={`entry-detail-${index}`}>
      <Text size="xs" fw={600}>
        {t('record.canonical')}
      </Text>
      <Code block dir="ltr" className="truce-break" data-testid="entry-canonical">
        {text}
      </Code>
      <Text size="xs" fw={600}>
        {t('record.leafHash')}
      </Text>
      <Code dir="ltr" className="truce-break">
        {detail.data.leafHash}
      </Code>
      <Text size="xs" fw={600}>
        {t('record.checkpointNote')}
      </Text>
      <Code block dir="ltr" className="truce-break">
        {detail.data.checkpoint}
      </Code>
    </Stack>
  );
}

function ExpandButton({ index, open, onToggle }: { index: number; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  // The closed row's arrow points the way the text reads.
  const { dir } = useDirection();
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      onClick={onToggle}
      aria-expanded={open}
      aria-controls={`entry-detail-${index}`}
      aria-label={open ? t('record.hideEntry', { index: fmt.number(index) }) : t('record.showEntry', { index: fmt.number(index) })}
      data-testid={`entry-expand-${index}`}
    >
      {open ? '▾' : dir === 'rtl' ? '◂' : '▸'} {fmt.number(index)}
    </Button>
  );
}

/**
 * The record's entries, newest first, filtered by type, organisation and day (the filters
 * live in the address), each named in the reader's language, with links to what it
 * concerns, its raw form one click away and an inclusion check against the verified checkpoint.
 */
export function EntryList({ verified }: { verified: CheckpointCheck | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const entryType = useEntryType();
  const names = useOrgNames();
  const { user } = useSession();
  const permissions = usePermissions();
  const link: LinkContext = { orgId: user.organisationId, can: permissions.can };
  const [filter, setFilter, clearFilter] = useRecordFilter();
  const [results, setResults] = useState<Record<number, InclusionResult | 'checking'>>({});
  const [open, setOpen] = useState<Set<number>>(new Set());
  const phone = useMediaQuery('(max-width: 48em)') ?? false;

  const filterKey = filterQuery(filter);
  const query = useInfiniteQuery({
    queryKey: ['log', 'entries', filterKey, verified?.checkpoint?.size],
    queryFn: ({ pageParam }) => get<LogEntries>(`/api/log/entries?limit=${PAGE}${filterKey}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const pages = query.data?.pages ?? [];
  const entries = pages.flatMap((p) => p.entries) as Listed[];

  // How many entries the reader asked to see for these filters, and how many pages had been read when they asked.
  const [asked, setAsked] = useState({ filterKey, entries: PAGE, fromPage: 0 });
  const want = asked.filterKey === filterKey ? asked : { filterKey, entries: PAGE, fromPage: 0 };
  const short = entries.length < want.entries;
  const budgetLeft = pages.length - want.fromPage < AUTO_PAGES;
  useEffect(() => {
    if (short && budgetLeft && query.hasNextPage && !query.isFetching && !query.isError) void query.fetchNextPage();
  }, [short, budgetLeft, query.hasNextPage, query.isFetching, query.isError, query.fetchNextPage]);
  const searching = short && budgetLeft && query.hasNextPage;
  const lastPage = pages.at(-1);

  const toggle = (index: number) =>
    setOpen((o) => {
      const next = new Set(o);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });

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

  const who = (e: Listed) => {
    const org = e.entry.actor?.organisation;
    if (!org) return <>{t('record.system')}</>;
    return (
      <span title={names.full(org) ?? undefined} data-testid="entry-org">
        {names.short(org) ?? shortId(org)}
      </span>
    );
  };
  const when = (e: Listed) => (e.entry.time ? <time dateTime={e.entry.time}>{fmt.dateTime(e.entry.time)}</time> : '—');
  const typeCell = (e: Listed) => (
    <Text size="sm" fw={phone ? 600 : undefined} component="span" title={e.entry.type} data-testid="entry-type" data-type={e.entry.type ?? ''}>
      {entryType(e.entry.type ?? '')}
    </Text>
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4">
          {t('record.entriesTitle')}
        </Title>
        {lastPage && (
          <Text size="sm" c="dimmed">
            {t('record.entries', { count: lastPage.size, n: fmt.number(lastPage.size) })}
          </Text>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('record.entriesHelp')}
      </Text>
      <RecordFilters filter={filter} onChange={setFilter} onClear={clearFilter} organisations={names.options} />
      <ProblemAlert error={query.error} />
      {query.isPending ? (
        <Loading />
      ) : entries.length === 0 && !searching ? (
        <Text c="dimmed" data-testid="entry-none">
          {t('record.none')}
        </Text>
      ) : phone ? (
        <Stack gap="xs" data-testid="entry-list">
          {entries.map((e) => (
            <Paper key={e.index} withBorder p="sm" radius="sm" data-testid="entry-row" data-index={e.index}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <Group gap={4} wrap="nowrap" align="flex-start">
                  <ExpandButton index={e.index} open={open.has(e.index)} onToggle={() => toggle(e.index)} />
                  {typeCell(e)}
                </Group>
                <InclusionCell result={results[e.index]} disabled={!verified} onCheck={() => void check(e)} index={e.index} />
              </Group>
              <Text size="xs" c="dimmed">
                {when(e)} · {who(e)}
              </Text>
              {e.entry.subject && <Subjects entry={e.entry} link={link} orgShort={names.short} />}
              {open.has(e.index) && <EntryDetail index={e.index} id={`entry-detail-${e.index}`} />}
            </Paper>
          ))}
        </Stack>
      ) : (
        <TableScroll>
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
                <Fragment key={e.index}>
                  <Table.Tr data-testid="entry-row" data-index={e.index}>
                    <Table.Td>
                      <ExpandButton index={e.index} open={open.has(e.index)} onToggle={() => toggle(e.index)} />
                    </Table.Td>
                    <Table.Td>{typeCell(e)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(e)}</Table.Td>
                    <Table.Td>{who(e)}</Table.Td>
                    <Table.Td>{e.entry.subject ? <Subjects entry={e.entry} link={link} orgShort={names.short} /> : '—'}</Table.Td>
                    <Table.Td>
                      <InclusionCell result={results[e.index]} disabled={!verified} onCheck={() => void check(e)} index={e.index} />
                    </Table.Td>
                  </Table.Tr>
                  {open.has(e.index) && (
                    <Table.Tr>
                      <Table.Td colSpan={6}>
                        <EntryDetail index={e.index} id={`entry-detail-${e.index}`} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {searching && <Loading />}
      {!searching && query.hasNextPage && lastPage?.scannedTo != null && entries.length < want.entries && (
        <Text size="sm" c="dimmed" data-testid="entries-searched-to">
          {t('record.searchedTo', { index: fmt.number(lastPage.scannedTo) })}
        </Text>
      )}
      {!searching && query.hasNextPage && (
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() => setAsked({ filterKey, entries: entries.length + PAGE, fromPage: pages.length })}
            loading={query.isFetchingNextPage}
            data-testid="entries-older"
          >
            {t('record.older')}
          </Button>
        </Group>
      )}
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
