import { Badge, Button, Card, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useAllNotifications, useMarkAllRead, useMarkRead } from './api.ts';
import { EmailPreferencesCard } from './EmailPreferencesCard.tsx';
import { NotificationLines, notificationTarget } from './NotificationsBell.tsx';

/**
 * /notifications: every notification of the user's organisation, read or not, newest
 * first and fifty at a time, with how many are unread and "mark all read". Opening one
 * marks it read and goes to its incident (or report). Below, which kinds also come by e-mail.
 */
export function NotificationsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const notifications = useAllNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const rows = notifications.data?.pages.flatMap((p) => p.notifications) ?? [];
  const unread = notifications.data?.pages[0]?.unread ?? 0;

  return (
    <Stack gap="md">
      <PageHeader
        title={t('incidents.notifications.title')}
        description={t('incidents.notifications.description')}
        actions={
          unread > 0 && (
            <Button variant="light" loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="notifications-page-mark-all">
              {t('incidents.notifications.markAll')}
            </Button>
          )
        }
      />
      <Text size="sm" fw={600} data-testid="notifications-unread" data-unread={unread}>
        {t('incidents.notifications.unreadCount', { count: unread, n: fmt.number(unread) })}
      </Text>
      <ProblemAlert error={notifications.error ?? markAll.error} />
      {notifications.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t('incidents.notifications.empty')}</Text>
      ) : (
        <Stack gap="xs" data-testid="notifications-page-list">
          {rows.map((n) => (
            <Card key={n.id} withBorder padding="sm" data-testid="notifications-page-item" data-read={n.readAt ? 'true' : 'false'}>
              <UnstyledButton
                w="100%"
                onClick={() => {
                  if (!n.readAt) markRead.mutate(n.id);
                  const to = notificationTarget(n);
                  if (to) navigate(to);
                }}
              >
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={2}>
                    <NotificationLines n={n} />
                  </Stack>
                  {!n.readAt && (
                    <Badge size="sm" variant="filled" color="red">
                      {t('incidents.notifications.unread')}
                    </Badge>
                  )}
                </Group>
              </UnstyledButton>
            </Card>
          ))}
        </Stack>
      )}
      {notifications.hasNextPage && (
        <Group justify="center">
          <Button
            variant="light"
            onClick={() => void notifications.fetchNextPage()}
            loading={notifications.isFetchingNextPage}
            data-testid="notifications-more"
          >
            {t('incidents.notifications.more')}
          </Button>
        </Group>
      )}
      <EmailPreferencesCard />
    </Stack>
  );
}
