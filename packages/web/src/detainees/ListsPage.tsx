import { Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PERSON_STATUSES } from '@truce/core/detainees/status';
import { usePermissions } from '../app/permissions.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useLists, type ListSummary } from './api.ts';
import { KindBadge, StatusBadge } from './Badges.tsx';
import { downloadText, templateCsv, TEMPLATE_FILE } from './template.ts';

function ListCard({ list }: { list: ListSummary }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const counts = PERSON_STATUSES.filter((s) => (list.statuses[s] ?? 0) > 0);
  return (
    <Card
      withBorder
      padding="sm"
      component={Link}
      to={`/detainees/lists/${list.id}`}
      data-testid="detainee-list-card"
      data-kind={list.kind}
      data-party={list.partyShortName}
    >
      <Group justify="space-between" gap="xs" align="flex-start" wrap="nowrap">
        <Text fw={600} c="blue.8" className="truce-break">
          <bdi>{list.partyName}</bdi>
        </Text>
        <KindBadge kind={list.kind} />
      </Group>
      <Text size="sm" mt={4}>
        {list.version === 0
          ? t('detainees.lists.empty')
          : t('detainees.lists.versionCount', { version: fmt.number(list.version), n: fmt.number(list.personCount) })}
      </Text>
      {list.version > 0 && (
        <Text size="xs" c="dimmed">
          {t('detainees.lists.updated', { when: fmt.dateTime(list.updatedAt) })}
        </Text>
      )}
      {counts.length > 0 && (
        <Group gap={4} mt="xs" data-testid="detainee-list-statuses">
          {counts.map((s) => (
            <Group key={s} gap={2} wrap="nowrap">
              <StatusBadge status={s} size="xs" />
              <Text size="xs" fw={600}>
                {fmt.number(list.statuses[s]!)}
              </Text>
            </Group>
          ))}
        </Group>
      )}
    </Card>
  );
}

/** /detainees: the lists this user may see — a party its own two, the facilitator and the guarantors every list. */
export function ListsPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const lists = useLists();
  return (
    <Stack gap="md">
      <PageHeader
        title={t('detainees.lists.title')}
        description={permissions.can('detainees.match') ? t('detainees.lists.descriptionAll') : t('detainees.lists.descriptionOwn')}
        actions={
          <>
            {permissions.can('detainees.match') && (
              <Button component={Link} to="/detainees/matching" variant="light" data-testid="detainee-open-matching">
                {t('detainees.nav.matching')}
              </Button>
            )}
            {permissions.can('detainees.write') && (
              <Button variant="default" onClick={() => downloadText(TEMPLATE_FILE, templateCsv())} data-testid="detainee-template">
                {t('detainees.upload.template')}
              </Button>
            )}
          </>
        }
      />
      <ProblemAlert error={lists.error} />
      {lists.isPending ? (
        <Loading />
      ) : (lists.data ?? []).length === 0 ? (
        <Text c="dimmed">{t('detainees.lists.none')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="detainee-lists">
          {lists.data!.map((l) => (
            <ListCard key={l.id} list={l} />
          ))}
        </SimpleGrid>
      )}
      <Text size="xs" c="dimmed">
        {t('detainees.lists.viewsRecorded')}
      </Text>
    </Stack>
  );
}
