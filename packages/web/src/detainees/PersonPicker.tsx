import { useState } from 'react';
import { Checkbox, Group, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { PersonStatus } from '@truce/core/detainees/status';
import { Loading } from '../components/Loading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { usePersons } from './api.ts';
import { StatusBadge } from './Badges.tsx';
import { useDetaineeText } from './labels.ts';
import { birthOf, personName } from './names.ts';

/** Statuses from which a person may be put in a new exchange (as the server has it). */
export const AVAILABLE: readonly PersonStatus[] = ['listed', 'matched', 'declined', 'not_found'];

/**
 * Persons of one list to tick, with a search: the first 500 that fit, only those who may
 * go into an exchange (or only those with `status`).
 */
export function PersonPicker({
  listId,
  status,
  selected,
  onToggle,
  title,
  help,
  testId,
}: {
  listId: string;
  status?: PersonStatus;
  selected: Set<string>;
  onToggle: (ref: string, on: boolean) => void;
  title: string;
  help: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const text = useDetaineeText();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const persons = usePersons(listId, { q: debounced, status: status ?? '', limit: 500, offset: 0 });
  const shown = (persons.data?.persons ?? []).filter((p) => (status ? p.status === status : AVAILABLE.includes(p.status)));
  return (
    <Stack gap={6} data-testid={testId}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      <Text size="xs" c="dimmed">
        {help}
      </Text>
      <TextInput
        type="search"
        size="xs"
        placeholder={t('detainees.list.searchPlaceholder')}
        aria-label={t('detainees.list.search')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        dir="auto"
        maxLength={100}
      />
      <ProblemAlert error={persons.error} />
      {persons.isPending ? (
        <Loading />
      ) : shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('detainees.exchange.nobodyToPick')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={320} type="auto" offsetScrollbars>
          <Stack gap={4}>
            {shown.map((p) => (
              <Checkbox
                key={p.ref}
                checked={selected.has(p.ref)}
                onChange={(e) => onToggle(p.ref, e.currentTarget.checked)}
                data-testid="pick-person"
                data-ref={p.ref}
                label={
                  <Group gap={6} wrap="wrap">
                    <Text size="sm" fw={500}>
                      <bdi dir="auto">{personName(p) || t('detainees.person.noName')}</bdi>
                    </Text>
                    <Text size="xs" c="dimmed">
                      <bdi dir="ltr">{p.ref}</bdi>
                      {birthOf(p) && (
                        <>
                          {' · '}
                          <bdi dir="ltr">{birthOf(p)}</bdi>
                        </>
                      )}
                      {p.category && ` · ${text.category(p.category)}`}
                    </Text>
                    {p.status !== 'listed' && <StatusBadge status={p.status} size="xs" />}
                  </Group>
                }
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
      <Text size="xs" c="dimmed" data-testid={`${testId}-count`}>
        {t('detainees.exchange.picked', { n: selected.size })}
      </Text>
    </Stack>
  );
}
