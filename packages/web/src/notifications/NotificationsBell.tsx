import { ActionIcon, Indicator, Menu, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { useMarkRead, useNotifications } from './api.ts';

/** The header's bell: unread notifications (a reply requested, a finding adopted); choosing one opens its incident and marks it read. */
export function NotificationsBell() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const list = notifications.data ?? [];

  return (
    <Menu position="bottom-end" width={320} shadow="md" withinPortal>
      <Menu.Target>
        <Indicator label={list.length > 99 ? '99+' : String(list.length)} size={16} disabled={list.length === 0} color="red" offset={4}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={t('incidents.notifications.label', { n: fmt.number(list.length) })}
            data-testid="notifications-bell"
            data-count={list.length}
          >
            <svg
              width="20"
              height="20"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
              strokeLinejoin="round"
              aria-hidden="true"
            >
              <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
              <path d="M13.73 21a2 2 0 0 1-3.46 0" />
            </svg>
          </ActionIcon>
        </Indicator>
      </Menu.Target>
      <Menu.Dropdown data-testid="notifications-list" style={{ maxHeight: '70vh', overflowY: 'auto' }}>
        {list.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            {t('incidents.notifications.none')}
          </Text>
        ) : (
          list.slice(0, 50).map((n) => (
            <Menu.Item
              key={n.id}
              data-testid="notification-item"
              onClick={() => {
                markRead.mutate(n.id);
                if (n.subject.incident) navigate(`/incidents/${n.subject.incident}`);
                else if (n.kind === 'audit.mismatch') navigate('/record');
              }}
            >
              <Text size="sm" fw={600}>
                {n.kind === 'reply.requested'
                  ? t('incidents.notifications.replyRequested')
                  : n.kind === 'finding.adopted'
                    ? t('incidents.notifications.findingAdopted')
                    : n.kind === 'finding.disputed'
                      ? t('incidents.notifications.findingDisputed')
                      : n.kind === 'reply.period_ended'
                        ? t('incidents.notifications.replyPeriodEnded')
                        : n.kind === 'audit.mismatch'
                          ? t('incidents.notifications.auditMismatch')
                          : n.kind}
              </Text>
              <Text size="xs" c="dimmed">
                {n.kind === 'reply.requested' && n.details.replyDeadline
                  ? t('incidents.notifications.replyBy', { when: fmt.dateTime(n.details.replyDeadline) })
                  : n.details.finding
                    ? t(`incidents.verification.${n.details.finding.verification}`)
                    : fmt.dateTime(n.createdAt)}
              </Text>
            </Menu.Item>
          ))
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
