import { Anchor, Badge, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ActionItemsCard } from '../meetings/ActionItems.tsx';
import { usePermissions } from './permissions.ts';
import { useSession } from './session.ts';
import { useVocabulary } from '../i18n/VocabularyLabel.tsx';

/** Parts of Truce announced on the home page before they are built (none at the moment). */
const COMING: readonly string[] = [];

/** Where a user lands: who they are here, what they can open now, what comes next. */
export function HomePage() {
  const { t } = useTranslation();
  const { user, mechanism } = useSession();
  const vocabulary = useVocabulary();
  const permissions = usePermissions();

  const cards = [
    { to: '/reports', title: t('nav.reports'), body: permissions.can('report.file') ? t('home.reportsCardFile') : t('home.reportsCardRead') },
    { to: '/incidents', title: t('incidents.nav'), body: t('incidents.homeCard') },
    { to: '/dashboard', title: t('dashboard.nav'), body: t('dashboard.homeCard') },
    { to: '/map', title: t('dashboard.navMap'), body: t('dashboard.homeMapCard') },
    ...(permissions.detaineeLists ? [{ to: '/detainees', title: t('detainees.nav.lists'), body: t('detainees.homeCard') }] : []),
    ...(permissions.exchanges ? [{ to: '/exchanges', title: t('detainees.nav.exchanges'), body: t('detainees.homeExchangesCard') }] : []),
    ...(permissions.can('meetings.read') ? [{ to: '/meetings', title: t('meetings.nav'), body: t('meetings.homeCard') }] : []),
    { to: '/record', title: t('nav.record'), body: t('home.recordCard') },
    { to: '/mechanism', title: t('nav.mechanism'), body: permissions.editSetup ? t('home.setupCardEdit') : t('home.setupCardRead') },
    { to: '/admin/organisations', title: t('nav.organisations'), body: t('home.organisationsCard') },
    { to: '/account/password', title: t('nav.account'), body: t('home.accountCard') },
  ];

  return (
    <Stack gap="lg" data-testid="home">
      <Stack gap={4}>
        <Title order={2}>{t('home.welcome', { name: `\u2068${user.name}\u2069` })}</Title>
        <Text c="dimmed">
          {t('home.youAre', {
            organisation: vocabulary.text(user.organisationLabels, user.organisationName),
            kind: t(`kinds.${user.organisationKind}`),
            role: t(`roles.${user.role}`),
          })}
        </Text>
        {mechanism && (
          <Text size="sm">
            {t('home.mechanism')} <strong>{mechanism.name}</strong>
          </Text>
        )}
      </Stack>

      <ActionItemsCard />

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {cards.map((card) => (
          <Card key={card.to} withBorder padding="md" component={Link} to={card.to}>
            <Text fw={600} c="blue.8">
              {card.title}
            </Text>
            <Text size="sm" c="dimmed" mt={4}>
              {card.body}
            </Text>
          </Card>
        ))}
      </SimpleGrid>

      {COMING.length > 0 && (
        <Card withBorder padding="md" data-testid="coming-soon">
          <Title order={3} size="h4">
            {t('home.comingTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('home.comingIntro')}
          </Text>
          <List spacing={6} size="sm">
            {COMING.map((m) => (
              <List.Item key={m}>
                <strong>{t(`home.coming.${m}.title`)}</strong>{' '}
                <Badge size="xs" variant="light" color="gray">
                  {t('home.comingSoon')}
                </Badge>
                <Text size="sm" c="dimmed" component="span" display="block">
                  {t(`home.coming.${m}.body`)}
                </Text>
              </List.Item>
            ))}
          </List>
        </Card>
      )}

      <Text size="xs" c="dimmed">
        {t('home.apiHint')}{' '}
        <Anchor href="/api/docs" target="_blank" rel="noopener">
          /api/docs
        </Anchor>
      </Text>
    </Stack>
  );
}
