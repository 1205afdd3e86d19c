import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Stack, Table, Text, Timeline } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PersonRecord } from '@truce/core/detainees/person';
import { FormModal } from '../components/FormModal.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useList, useLists, usePerson } from './api.ts';
import { KindBadge, StatusBadge } from './Badges.tsx';
import { withChanges } from './history.ts';
import { PERSON_FIELDS, useDetaineeText, valueText, type DetaineeText } from './labels.ts';
import { personName } from './names.ts';
import { PersonForm, RemovePersonForm } from './PersonForm.tsx';
import { Section } from '../components/Section.tsx';
import { TableScroll } from '../components/TableScroll.tsx';

/** A value kept in its own direction: dates and numbers left to right, names and places as written. */
function Value({ field, value, text }: { field: keyof PersonRecord; value: unknown; text: DetaineeText }) {
  const shown = valueText(text, field, value);
  if (!shown)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  const ltr = ['ref', 'birthDate', 'birthYear', 'detainedOn', 'nationalId'].includes(field);
  return (
    <bdi dir={ltr ? 'ltr' : 'auto'} style={{ whiteSpace: field === 'notes' ? 'pre-wrap' : undefined }}>
      {shown}
    </bdi>
  );
}

/**
 * A record as label–value pairs, the fields it knows (unknown ones would fill a phone's
 * screen with dashes); with `changed`, the fields this version changed are shown even when
 * emptied, and marked in words, not colour alone. `only` limits it to the changed fields.
 */
function RecordView({
  record,
  changed = [],
  only = false,
  testId,
}: {
  record: PersonRecord;
  changed?: (keyof PersonRecord)[];
  only?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const text = useDetaineeText();
  const fields = PERSON_FIELDS.filter((f) => (only ? changed.includes(f) : changed.includes(f) || valueText(text, f, record[f]) !== ''));
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" verticalSpacing={6} data-testid={testId}>
      {fields.map((f) => {
        const isChanged = changed.includes(f);
        return (
          <div
            key={f}
            data-field={f}
            data-changed={isChanged || undefined}
            style={{
              minWidth: 0,
              ...(isChanged
                ? { borderInlineStart: '3px solid var(--mantine-color-orange-5)', paddingInlineStart: 6, background: 'var(--mantine-color-orange-0)' }
                : {}),
            }}
          >
            <Text size="xs" c="dimmed">
              {text.field(f)}
              {isChanged && (
                <Badge size="xs" color="orange" variant="light" ms={6} data-testid="person-field-changed">
                  {t('detainees.person.changed')}
                </Badge>
              )}
            </Text>
            <Text size="sm" className="truce-break">
              <Value field={f} value={record[f]} text={text} />
            </Text>
          </div>
        );
      })}
    </SimpleGrid>
  );
}

/**
 * /detainees/lists/:id/persons/:ref: one person's record as it stands, every earlier
 * version with what it changed, the status history (who, when, why, which exchange) and
 * who looked at the record — opening this page is itself recorded.
 */
export function PersonPage() {
  const { t } = useTranslation();
  const { id = '', ref = '' } = useParams();
  const fmt = useFormat();
  const text = useDetaineeText();
  const navigate = useNavigate();
  const detail = usePerson(id, ref);
  const list = useList(id);
  const lists = useLists();
  const summary = lists.data?.find((l) => l.id === id);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [done, setDone] = useState<'changed' | null>(null);
  const back = `/detainees/lists/${id}`;

  if (detail.isPending) return <Loading />;
  if (!detail.data) {
    return (
      <Stack gap="md">
        <ProblemAlert error={detail.error} />
        <Anchor component={Link} to={back}>
          {t('detainees.person.back')}
        </Anchor>
      </Stack>
    );
  }
  const p = detail.data;
  const latest = p.current ?? p.versions[p.versions.length - 1]?.record ?? null;
  const status = p.statusHistory.at(-1)?.status ?? 'listed';
  const canWrite = !!list.data?.canWrite && !!p.current;
  const spans = withChanges(p.versions);

  return (
    <Stack gap="md" data-testid="person-detail" data-ref={p.ref}>
      <Anchor component={Link} to={back} size="sm">
        {t('detainees.person.back')}
      </Anchor>
      <PageHeader
        title={personName(latest) || t('detainees.person.noName')}
        description={
          <Group gap="xs" component="span">
            <bdi dir="ltr">{p.ref}</bdi>
            {summary && (
              <>
                <span>·</span>
                <bdi>{summary.partyName}</bdi>
                <KindBadge kind={summary.kind} />
              </>
            )}
            <StatusBadge status={status} />
          </Group>
        }
        actions={
          canWrite && (
            <>
              <Button variant="light" onClick={() => setEditing(true)} data-testid="person-edit">
                {t('actions.edit')}
              </Button>
              <Button variant="light" color="red" onClick={() => setRemoving(true)} data-testid="person-remove">
                {t('detainees.person.remove')}
              </Button>
            </>
          )
        }
      />
      {done && (
        <Alert color="teal" withCloseButton onClose={() => setDone(null)} data-testid="person-saved">
          {t('detainees.person.saved')}
        </Alert>
      )}
      {p.removedInVersion !== null && (
        <Alert color="gray" data-testid="person-removed">
          {t('detainees.person.removedIn', { version: fmt.number(p.removedInVersion) })}
        </Alert>
      )}

      {latest && (
        <Section title={p.current ? t('detainees.person.current') : t('detainees.person.last')} testId="person-current">
          <RecordView record={latest} />
        </Section>
      )}

      <Section title={t('detainees.person.versions')} testId="person-versions">
        <Timeline bulletSize={14} lineWidth={2} active={0}>
          {spans.map((s) => (
            <Timeline.Item
              key={s.fromVersion}
              data-testid="person-version"
              data-from={s.fromVersion}
              title={
                s.toVersion === null
                  ? t('detainees.person.sinceVersion', { version: fmt.number(s.fromVersion) })
                  : t('detainees.person.versionRange', { from: fmt.number(s.fromVersion), to: fmt.number(s.toVersion - 1) })
              }
            >
              <Text size="xs" c="dimmed" mb={6}>
                {s.first
                  ? t('detainees.person.firstListed')
                  : s.changed.length === 0
                    ? t('detainees.person.noChange')
                    : t('detainees.person.changedFields', { fields: s.changed.map(text.field).join(', ') })}
              </Text>
              {/* The current record is shown above: here only what its version changed. */}
              {s.toVersion === null && p.current ? (
                s.changed.length > 0 && <RecordView record={s.record} changed={s.changed} only />
              ) : (
                <RecordView record={s.record} changed={s.changed} />
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Section>

      <Section title={t('detainees.person.statusHistory')} testId="person-status-history">
        {p.statusHistory.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('detainees.person.noStatusChange')}
          </Text>
        ) : (
          <TableScroll>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('detainees.person.status')}</Table.Th>
                  <Table.Th>{t('detainees.versions.by')}</Table.Th>
                  <Table.Th>{t('detainees.versions.when')}</Table.Th>
                  <Table.Th>{t('detainees.person.note')}</Table.Th>
                  <Table.Th>{t('detainees.person.exchange')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.statusHistory.map((e, i) => (
                  <Table.Tr key={i} data-testid="person-status-event" data-status={e.status}>
                    <Table.Td>
                      <StatusBadge status={e.status} />
                    </Table.Td>
                    <Table.Td>
                      <bdi>{e.by ?? '—'}</bdi>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(e.at)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" dir="auto" className="truce-break" style={{ whiteSpace: 'pre-wrap' }}>
                        {e.note}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {e.exchangeId && (
                        <Anchor component={Link} to={`/exchanges/${e.exchangeId}`} size="sm">
                          {t('detainees.person.openExchange')}
                        </Anchor>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Section>

      <Section title={t('detainees.person.views')} testId="person-views">
        <Text size="xs" c="dimmed" mb="xs">
          {t('detainees.person.viewsHelp')}
        </Text>
        <Stack gap="xs">
          {p.views.map((v, i) => (
            <div key={i} data-testid="person-view">
              <Text size="sm" className="truce-break">
                <bdi>{v.user ?? '—'}</bdi>
              </Text>
              {v.organisation && (
                <Text size="xs" className="truce-break">
                  <bdi>{v.organisation}</bdi>
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {t(`detainees.viewKind.${v.what}`, { defaultValue: v.what })} · {fmt.dateTime(v.at)}
              </Text>
            </div>
          ))}
        </Stack>
      </Section>

      <FormModal opened={editing} onClose={() => setEditing(false)} title={t('detainees.person.editTitle')} testId="person-edit-dialog">
        {editing && p.current && list.data && (
          <PersonForm
            listId={id}
            listVersion={list.data.version}
            person={p.current}
            onCancel={() => setEditing(false)}
            onDone={() => {
              setEditing(false);
              setDone('changed');
            }}
          />
        )}
      </FormModal>
      <FormModal opened={removing} onClose={() => setRemoving(false)} title={t('detainees.person.removeTitle')} size="md" testId="person-remove-dialog">
        {removing && list.data && (
          <RemovePersonForm
            listId={id}
            listVersion={list.data.version}
            personRef={p.ref}
            onCancel={() => setRemoving(false)}
            onDone={() => {
              setRemoving(false);
              navigate(back);
            }}
          />
        )}
      </FormModal>
    </Stack>
  );
}
