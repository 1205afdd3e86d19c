import { Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import type { ListedPerson } from './api.ts';
import { StatusBadge } from './Badges.tsx';
import { useDetaineeText } from './labels.ts';
import { birthOf, personName } from './names.ts';
import { TableScroll } from '../components/TableScroll.tsx';

const link = (listId: string, ref: string) => `/detainees/lists/${listId}/persons/${encodeURIComponent(ref)}`;

/** A name in its own direction: an Arabic name inside an English page (or the reverse) keeps its order. */
export function NameText({ name, fallback }: { name: string; fallback?: string }) {
  return name ? (
    <bdi dir="auto" className="truce-break">
      {name}
    </bdi>
  ) : (
    <Text span c="dimmed" size="sm">
      {fallback ?? '—'}
    </Text>
  );
}

/** The father's name, birth and place of birth of a person on a phone card, those that are known, with dots between. */
function CardFacts({ person: p, fatherLabel }: { person: ListedPerson; fatherLabel: string }) {
  const parts = [
    p.fatherName && (
      <span key="father">
        {fatherLabel}: <bdi dir="auto">{p.fatherName}</bdi>
      </span>
    ),
    birthOf(p) && (
      <bdi key="birth" dir="ltr">
        {birthOf(p)}
      </bdi>
    ),
    p.birthPlace && (
      <bdi key="place" dir="auto">
        {p.birthPlace}
      </bdi>
    ),
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <Text size="sm" className="truce-break">
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 && ' · '}
          {part}
        </span>
      ))}
    </Text>
  );
}

/**
 * A page of persons: a table on a wide screen, a card per person on a phone, each opening
 * the person's record. Names, fathers' names and places keep their own direction.
 */
export function PersonsTable({ listId, persons }: { listId: string; persons: ListedPerson[] }) {
  const { t } = useTranslation();
  const text = useDetaineeText();
  const fmt = useFormat();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const noName = t('detainees.person.noName');

  if (phone) {
    return (
      <Stack gap="xs" data-testid="detainee-persons" data-layout="cards">
        {persons.map((p) => (
          <Card key={p.ref} withBorder padding="sm" component={Link} to={link(listId, p.ref)} data-testid="detainee-person-row" data-ref={p.ref}>
            <Group justify="space-between" gap="xs" align="flex-start" wrap="nowrap">
              <Text fw={600} c="blue.8" style={{ minWidth: 0 }}>
                <NameText name={personName(p)} fallback={noName} />
              </Text>
              <StatusBadge status={p.status} />
            </Group>
            <Text size="xs" c="dimmed">
              <bdi dir="ltr">{p.ref}</bdi>
              {p.category && ` · ${text.category(p.category)}`}
            </Text>
            <CardFacts person={p} fatherLabel={t('detainees.field.fatherName')} />
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <TableScroll>
      <Table striped highlightOnHover data-testid="detainee-persons" data-layout="table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('detainees.field.ref')}</Table.Th>
            <Table.Th>{t('detainees.person.name')}</Table.Th>
            <Table.Th>{t('detainees.field.fatherName')}</Table.Th>
            <Table.Th>{t('detainees.person.birth')}</Table.Th>
            <Table.Th>{t('detainees.field.birthPlace')}</Table.Th>
            <Table.Th>{t('detainees.field.category')}</Table.Th>
            <Table.Th>{t('detainees.person.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {persons.map((p) => (
            <Table.Tr key={p.ref} data-testid="detainee-person-row" data-ref={p.ref}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text component={Link} to={link(listId, p.ref)} size="sm" c="blue.8" td="underline">
                  <bdi dir="ltr">{p.ref}</bdi>
                </Text>
              </Table.Td>
              <Table.Td>
                <Text component={Link} to={link(listId, p.ref)} size="sm" fw={600}>
                  <NameText name={personName(p)} fallback={noName} />
                </Text>
              </Table.Td>
              <Table.Td>
                <bdi dir="auto">{p.fatherName ?? ''}</bdi>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <bdi dir="ltr">{birthOf(p)}</bdi>
              </Table.Td>
              <Table.Td>
                <bdi dir="auto">{p.birthPlace ?? ''}</bdi>
              </Table.Td>
              <Table.Td>{text.category(p.category)}</Table.Td>
              <Table.Td>
                <StatusBadge status={p.status} />
                {p.statusAt && (
                  <Text size="xs" c="dimmed">
                    {fmt.date(p.statusAt)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
