import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { mechanismNow } from '../app/clock.ts';
import { useFormat } from '../i18n/format.ts';
import { useMechanism } from '../mechanism/api.ts';

/**
 * The confirmation asked before starting an incident: it starts the accused parties' reply
 * clock, so it names who will be notified and by when they must reply (the mechanism's
 * reply deadline from now, on the mechanism's clock). Used by a report's grouping panel
 * and by the triage queue.
 */
export function StartIncidentConfirm(props: {
  title: string;
  /** The accused parties' names, as the reader reads them. */
  accused: string[];
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Test ids of the alert and its two buttons. */
  testIds: { alert: string; yes: string; no: string };
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const hours = useMechanism().data?.replyDeadlineHours;
  return (
    <Alert color="blue" variant="light" title={props.title} data-testid={props.testIds.alert}>
      <Text size="sm" mb="sm">
        {props.accused.length === 0 || hours === undefined
          ? t('incidents.grouping.confirmNoParty')
          : t('incidents.grouping.confirmAccused', {
              parties: props.accused.join(', '),
              hours: t('mechanism.hours', { count: hours, n: fmt.number(hours) }),
              when: fmt.dateTime(new Date(mechanismNow() + hours * 3_600_000).toISOString()),
            })}
      </Text>
      <Group gap="xs">
        <Button size="xs" loading={props.pending} onClick={props.onConfirm} data-testid={props.testIds.yes}>
          {t('incidents.grouping.confirm')}
        </Button>
        <Button size="xs" variant="subtle" onClick={props.onCancel} disabled={props.pending} data-testid={props.testIds.no}>
          {t('incidents.grouping.cancel')}
        </Button>
      </Group>
    </Alert>
  );
}
