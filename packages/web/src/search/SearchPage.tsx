import { Badge, Button, Card, Chip, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useGovernorates } from '../reports/api.ts';
import { localName } from '../reports/geo.ts';
import { useLookups } from '../reports/labels.ts';
import { hitPath, KINDS, useSearch, type Kind, type SearchHit, type SearchParams } from './api.ts';
import { Highlighted } from './Highlighted.tsx';

const KIND_COLOUR: Record<Kind, string> = { report: 'blue', incident: 'grape', meeting: 'teal', decision: 'orange' };

/**
 * /search?q=…: reports, incidents, meetings and decisions whose words match, best first,
 * the matching words marked; kinds, period and governorate narrow it. The words and
 * filters live in the address, so a search can be reloaded or shared. The server leaves
 * out what this reader may not see.
 */
export function SearchPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const lookups = useLookups();
  const governorates = useGovernorates();
  const [params, setParams] = useSearchParams();
  const search: SearchParams = {
    q: params.get('q') ?? '',
    kinds: params.get('kinds') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    governorate: params.get('governorate') ?? '',
  };
  const [words, setWords] = useState(search.q);
  // The header's box may change the words while this page is open.
  useEffect(() => setWords(search.q), [search.q]);
  const results = useSearch(search);
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  const total = results.data?.pages[0]?.total;
  const kinds = search.kinds ? search.kinds.split(',') : [];

  const set = (changes: Partial<SearchParams>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="md">
      <PageHeader title={t('search.title')} description={t('search.description')} />
      <search aria-label={t('search.label')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            set({ q: words.trim() });
          }}
        >
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              type="search"
              label={t('search.label')}
              placeholder={t('search.placeholder')}
              value={words}
              maxLength={200}
              onChange={(e) => setWords(e.currentTarget.value)}
              style={{ flex: 1, minWidth: 0 }}
              data-testid="search-input"
            />
            <Button type="submit" data-testid="search-submit">
              {t('search.submit')}
            </Button>
          </Group>
        </form>
      </search>
      <Chip.Group multiple value={kinds} onChange={(v) => set({ kinds: KINDS.filter((k) => v.includes(k)).join(',') })}>
        <Group gap="xs" role="group" aria-label={t('search.kinds')} data-testid="search-kinds">
          {KINDS.map((k) => (
            <Chip key={k} value={k} size="sm" data-testid={`search-kind-${k}`}>
              {t(`search.kind.${k}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        <TextInput type="date" label={t('search.filter.from')} dir="ltr" value={search.from} onChange={(e) => set({ from: e.currentTarget.value })} />
        <TextInput type="date" label={t('search.filter.to')} dir="ltr" value={search.to} onChange={(e) => set({ to: e.currentTarget.value })} />
        <NativeSelect
          label={t('search.filter.governorate')}
          value={search.governorate}
          onChange={(e) => set({ governorate: e.currentTarget.value })}
          data={[
            { value: '', label: t('search.filter.anyGovernorate') },
            ...(governorates.data ?? []).map((g) => ({ value: g.pcode, label: localName(i18n.language, g.nameEn, g.nameAr) })),
          ]}
        />
      </SimpleGrid>
      {search.governorate && (
        <Text size="xs" c="dimmed">
          {t('search.filter.placeOnly')}
        </Text>
      )}
      <ProblemAlert error={results.error} />
      {!search.q.trim() ? (
        <Text c="dimmed" data-testid="search-empty">
          {t('search.empty')}
        </Text>
      ) : results.isPending ? (
        <Loading />
      ) : (
        <>
          <Text size="sm" fw={600} data-testid="search-total" data-total={total ?? ''}>
            {total === undefined ? '' : t('search.total', { count: total, n: fmt.number(total) })}
          </Text>
          {items.length === 0 ? (
            <Text c="dimmed" data-testid="search-none">
              {t('search.none')}
            </Text>
          ) : (
            <Stack gap="xs" data-testid="search-results">
              {items.map((hit) => (
                <Hit key={`${hit.kind}:${hit.id}`} hit={hit} typeText={lookups.typeText} />
              ))}
            </Stack>
          )}
          {results.hasNextPage && (
            <Group justify="center">
              <Button variant="light" onClick={() => void results.fetchNextPage()} loading={results.isFetchingNextPage} data-testid="search-more">
                {t('search.more')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}

function Hit({ hit, typeText }: { hit: SearchHit; typeText: (code: string) => string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const kind = hit.kind as Kind;
  return (
    <Card withBorder padding="sm" component={Link} to={hitPath(hit)} data-testid="search-hit" data-kind={hit.kind} data-id={hit.id}>
      <Group gap="xs" wrap="wrap" mb={4}>
        <Badge color={KIND_COLOUR[kind]} variant="light" size="sm">
          {t(`search.kind.${kind}`)}
        </Badge>
        {hit.typeCodes?.map((c) => (
          <Text key={c} size="sm" fw={600}>
            {typeText(c)}
          </Text>
        ))}
        {(kind === 'meeting' || kind === 'decision') && (
          <Text size="sm" fw={600}>
            {hit.title}
          </Text>
        )}
        {hit.place && <Text size="sm">{hit.place}</Text>}
        <Text size="sm" c="dimmed">
          {fmt.date(hit.date)}
        </Text>
        {hit.withdrawn && (
          <Badge color="gray" variant="outline" size="sm">
            {t('search.withdrawn')}
          </Badge>
        )}
      </Group>
      <Text size="sm" dir="auto" data-testid="search-snippet" style={{ overflowWrap: 'anywhere' }}>
        <Highlighted text={hit.snippet.text} highlights={hit.snippet.highlights} />
      </Text>
    </Card>
  );
}
