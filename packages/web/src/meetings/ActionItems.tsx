import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useActionItems, useMarkDone, type ActionItem } from './api.ts';
import { useMeetingText } from './labels.ts';
import { mechanismToday } from '../app/clock.ts';

/** Action items with owner, due date and state; the owner marks an open one done. */
export function ActionItemList({ items, showMeeting = false }: { items: ActionItem[]; showMeeting?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useMeetingText();
  const done = useMarkDone();
  const [error, setError] = useState<unknown>(null);
  if (items.length === 0) return <Text c="dimmed">{t('meetings.action.none')}</Text>;
  const today = mechanismToday().toISOString().slice(0, 10);
  return (
    <Stack gap="xs">
      <ProblemAlert error={error} />
      {items.map((a) => {
        const overdue = a.status === 'open' && a.dueOn < today;
        return (
          <Group key={a.id} justify="space-between" gap="xs" wrap="nowrap" align="flex-start" data-testid="action-item" data-status={a.status}>
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="sm" dir="auto" className="truce-break">
                {a.text}
              </Text>
              <Text size="xs" c={overdue ? 'red.8' : 'dimmed'}>
                {t('meetings.action.ownerDue', { owner: text.org(a.ownerOrgId), date: fmt.date(a.dueOn) })}
                {overdue && ` · ${t('meetings.action.overdue')}`}
                {showMeeting && 'meeting' in a && (
                  <>
                    {' · '}
                    <Anchor component={Link} to={`/meetings/${a.meeting.id}`} size="xs">
                      {a.meeting.title}
                    </Anchor>
                  </>
                )}
              </Text>
              {a.status === 'done' && (
                <Text size="xs" c="teal.8">
                  {t('meetings.action.doneBy', { name: a.doneBy ?? '—', at: a.doneAt ? fmt.dateTime(a.doneAt) : '—' })}
                  {a.doneNote && ` · ${a.doneNote}`}
                </Text>
              )}
            </Stack>
            {a.canMarkDone ? (
              <Button
                size="compact-xs"
                variant="light"
                color="teal"
                loading={done.isPending && done.variables?.id === a.id}
                onClick={() => done.mutate({ id: a.id, version: a.version }, { onError: setError, onSuccess: () => setError(null) })}
                data-testid="action-done"
              >
                {t('meetings.action.markDone')}
              </Button>
            ) : (
              <Badge size="sm" variant="light" color={a.status === 'done' ? 'teal' : 'gray'}>
                {t(`meetings.action.status.${a.status}`)}
              </Badge>
            )}
          </Group>
        );
      })}
    </Stack>
  );
}

/** The home page's card: the organisation's open action items, until it marks them done. */
export function ActionItemsCard() {
  const { t } = useTranslation();
  const items = useActionItems();
  if (items.isPending || (items.data ?? []).length === 0) return null;
  return (
    <Card withBorder padding="md" data-testid="home-action-items">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          {t('meetings.action.homeTitle')}
        </Title>
        <Anchor component={Link} to="/meetings" size="sm">
          {t('meetings.title')}
        </Anchor>
      </Group>
      <ProblemAlert error={items.error} />
      <ActionItemList items={items.data ?? []} showMeeting />
    </Card>
  );
}
