import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RELEASE_OUTCOMES } from '@truce/core/detainees/status';
import { byId, useOrganisations } from '../accounts/api.ts';
import { usePermissions } from '../app/permissions.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useExchanges, type ExchangeSummary, type PersonOutcome } from './api.ts';
import { ExchangeStateBadge, OutcomeBadge } from './Badges.tsx';
import { useDetaineeText } from './labels.ts';

const OUTCOMES: PersonOutcome[] = ['pending', ...RELEASE_OUTCOMES];

function ExchangeRow({ exchange: e, orgName }: { exchange: ExchangeSummary; orgName: (id: string) => string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useDetaineeText();
  const counts = OUTCOMES.filter((o) => (e.outcomes[o] ?? 0) > 0);
  return (
    <Card withBorder padding="sm" component={Link} to={`/exchanges/${e.id}`} data-testid="exchange-row" data-id={e.id} data-state={e.status}>
      <Group justify="space-between" gap="xs" align="flex-start" wrap="nowrap">
        <Text fw={600} c="blue.8" dir="auto" className="truce-break">
          {e.title}
        </Text>
        <ExchangeStateBadge state={e.status} />
      </Group>
      <Text size="sm" mt={2}>
        <bdi>{orgName(e.partyA)}</bdi> ⇄ <bdi>{orgName(e.partyB)}</bdi>
      </Text>
      <Text size="xs" c="dimmed">
        {text.mode(e.mode)} · {e.meetingDate ? t('detainees.exchange.meetingOn', { date: fmt.date(e.meetingDate) }) : t('detainees.exchange.noMeeting')}
      </Text>
      {counts.length > 0 && (
        <Group gap={6} mt={6}>
          {counts.map((o) => (
            <Group key={o} gap={2} wrap="nowrap">
              <OutcomeBadge outcome={o} />
              <Text size="xs" fw={600}>
                {fmt.number(e.outcomes[o]!)}
              </Text>
            </Group>
          ))}
        </Group>
      )}
    </Card>
  );
}

/** /exchanges: the exchanges this user may see (a party: those it is in), newest first. */
export function ExchangesPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const exchanges = useExchanges();
  const orgs = useOrganisations();
  const names = byId(orgs.data);
  const orgName = (id: string) => names.get(id)?.shortName || names.get(id)?.name || t('reports.unknownOrganisation');
  return (
    <Stack gap="md">
      <PageHeader
        title={t('detainees.exchange.title')}
        description={t('detainees.exchange.description')}
        actions={
          <>
            <Button component={Link} to="/exchanges/dashboard" variant="default" data-testid="exchange-open-dashboard">
              {t('detainees.nav.figures')}
            </Button>
            {permissions.can('exchange.propose') && (
              <Button component={Link} to="/exchanges/new" data-testid="exchange-new">
                {t('detainees.exchange.new')}
              </Button>
            )}
          </>
        }
      />
      <ProblemAlert error={exchanges.error ?? orgs.error} />
      {exchanges.isPending ? (
        <Loading />
      ) : (exchanges.data ?? []).length === 0 ? (
        <Text c="dimmed" data-testid="exchange-none">
          {t('detainees.exchange.none')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="exchange-list">
          {exchanges.data!.map((e) => (
            <ExchangeRow key={e.id} exchange={e} orgName={orgName} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
