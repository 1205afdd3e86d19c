import { Alert, Card, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Loading } from '../components/Loading.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useEmailPreferences, useSetEmailPreference } from './api.ts';

/**
 * Per kind of notice that reaches the person's organisation: in the app only, also by
 * e-mail at once, or in one e-mail a day. Each choice is saved as it is made.
 */
export function EmailPreferencesCard() {
  const { t, i18n } = useTranslation();
  const prefs = useEmailPreferences();
  const set = useSetEmailPreference();
  const data = prefs.data;
  // The digest's hour as the reader writes times, in UTC like every time in Truce.
  const hour = data
    ? `${new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(Date.UTC(2017, 0, 1, data.digestHourUtc))} UTC`
    : '';
  return (
    <Card withBorder padding="md" data-testid="email-preferences">
      <Title order={2} size="h4" mb="xs">
        {t('notices.email.title')}
      </Title>
      <ProblemAlert error={prefs.error ?? set.error} />
      {!data ? (
        <Loading />
      ) : (
        <Stack gap="sm">
          <Text size="sm">{t('notices.email.description', { hour })}</Text>
          {!data.mailed && (
            <Alert color="gray" variant="light" data-testid="email-preferences-not-mailed">
              {t('notices.email.notMailed')}
            </Alert>
          )}
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing="xs">
              <Table.Tbody>
                {data.preferences.map((p) => (
                  <Table.Tr key={p.kind} data-testid="email-preference" data-kind={p.kind}>
                    <Table.Th scope="row" fw={500} id={`email-kind-${p.kind}`}>
                      {t(`notices.kind.${p.kind.replace('.', '_')}`)}
                    </Table.Th>
                    <Table.Td>
                      <SegmentedControl
                        size="xs"
                        aria-labelledby={`email-kind-${p.kind}`}
                        value={p.delivery}
                        disabled={set.isPending}
                        onChange={(delivery) => set.mutate({ kind: p.kind, delivery })}
                        data={(['off', 'immediate', 'digest'] as const).map((d) => ({
                          value: d,
                          label: d === p.default ? t('notices.email.isDefault', { choice: t(`notices.email.${d}`) }) : t(`notices.email.${d}`),
                        }))}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Card>
  );
}
