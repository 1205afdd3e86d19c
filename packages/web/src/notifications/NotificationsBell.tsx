import { ActionIcon, Anchor, Group, Indicator, Menu, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { useGovernorates } from '../reports/api.ts';
import { localName } from '../reports/geo.ts';
import { useLookups, useReportText } from '../reports/labels.ts';
import { useMarkAllRead, useMarkRead, useNotifications, type Notification } from './api.ts';

/** Where a notification leads: its incident, its report to sort, or the record for the audit. */
export function notificationTarget(n: Notification): string | null {
  if (n.subject.incident) return `/incidents/${n.subject.incident}`;
  if (n.subject.report) return `/reports/${n.subject.report}`;
  if (n.kind === 'audit.mismatch') return '/record';
  return null;
}

/** What a notification says: what happened, which incident (type, governorate, date), and the detail of its kind. */
export function NotificationLines({ n }: { n: Notification }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const lookups = useLookups();
  const text = useReportText(lookups);
  const governorates = useGovernorates();
  const governorate = (pcode: string) => {
    const g = governorates.data?.find((x) => x.pcode === pcode);
    return g ? localName(i18n.language, g.nameEn, g.nameAr) : pcode;
  };
  return (
    <>
      <Text size="sm" fw={600}>
        {n.kind === 'reply.requested'
          ? t('incidents.notifications.replyRequested')
          : n.kind === 'reply.received'
            ? t('incidents.notifications.replyReceived')
            : n.kind === 'finding.adopted'
              ? t('incidents.notifications.findingAdopted')
              : n.kind === 'finding.disputed'
                ? t('incidents.notifications.findingDisputed')
                : n.kind === 'reply.period_ended'
                  ? t('incidents.notifications.replyPeriodEnded')
                  : n.kind === 'audit.mismatch'
                    ? t('incidents.notifications.auditMismatch')
                    : n.kind === 'report.to_sort'
                      ? t('notices.reportToSort')
                      : n.kind}
      </Text>
      {n.details.incident && (
        <Text size="xs" dir="auto" data-testid="notification-incident">
          {[
            n.details.incident.typeCodes.map(text.type).join(', '),
            n.details.incident.adm1 ? governorate(n.details.incident.adm1) : null,
            n.details.incident.occurredAt ? fmt.date(n.details.incident.occurredAt) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      )}
      {n.details.report && (
        <Text size="xs" dir="auto" data-testid="notification-report">
          {[text.type(n.details.report.typeCode), n.details.report.adm1 ? governorate(n.details.report.adm1) : null, fmt.date(n.details.report.occurredAt)]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {n.kind === 'report.to_sort' && n.details.report
          ? t('notices.filedBy', { party: text.organisation(n.details.report.reporterOrgId) })
          : n.kind === 'reply.requested' && n.details.replyDeadline
            ? t('incidents.notifications.replyBy', { when: fmt.dateTime(n.details.replyDeadline) })
            : n.kind === 'reply.received' && n.details.partyId
              ? t('incidents.notifications.replyFrom', { party: text.organisation(n.details.partyId) })
              : n.details.finding
                ? t(`incidents.verification.${n.details.finding.verification}`)
                : fmt.dateTime(n.createdAt)}
      </Text>
    </>
  );
}

/**
 * The header's bell: how many notifications are unread, the newest of them (a reply
 * requested or received, a finding adopted or disputed), each naming its incident;
 * choosing one opens its incident and marks it read. "Mark all read" and the page of all.
 */
export function NotificationsBell() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const list = notifications.data?.notifications ?? [];
  const unread = notifications.data?.unread ?? 0;

  return (
    // The count sits around the menu, so that the menu's button is its target: the button, not a
    // wrapper, says that it opens a menu and whether the menu is open (aria-haspopup, aria-expanded).
    <Indicator label={unread > 99 ? '99+' : fmt.number(unread)} size={16} disabled={unread === 0} color="red" offset={4}>
      <Menu position="bottom-end" width={340} shadow="md" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={t('incidents.notifications.label', { n: fmt.number(unread) })}
            data-testid="notifications-bell"
            data-count={unread}
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
        </Menu.Target>
        <Menu.Dropdown data-testid="notifications-list" style={{ maxHeight: '70vh', overflowY: 'auto' }}>
          <Group justify="space-between" px="sm" py={6} gap="xs">
            <Anchor component={Link} to="/notifications" size="sm" data-testid="notifications-all">
              {t('incidents.notifications.all')}
            </Anchor>
            {unread > 0 && (
              <Anchor component="button" type="button" size="sm" onClick={() => markAll.mutate()} data-testid="notifications-mark-all">
                {t('incidents.notifications.markAll')}
              </Anchor>
            )}
          </Group>
          <Menu.Divider />
          {list.length === 0 ? (
            <Text size="sm" c="dimmed" p="sm">
              {t('incidents.notifications.none')}
            </Text>
          ) : (
            list.map((n) => (
              <Menu.Item
                key={n.id}
                data-testid="notification-item"
                onClick={() => {
                  markRead.mutate(n.id);
                  const to = notificationTarget(n);
                  if (to) navigate(to);
                }}
              >
                <NotificationLines n={n} />
              </Menu.Item>
            ))
          )}
        </Menu.Dropdown>
      </Menu>
    </Indicator>
  );
}
