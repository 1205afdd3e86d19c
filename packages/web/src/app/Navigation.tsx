import { AppShell, Box, NavLink, ScrollArea, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { detaineeNavActive } from '../detainees/nav.ts';
import { usePermissions } from './permissions.ts';
import { useSession } from './session.ts';
import { useSignOut } from './useSignOut.ts';
import { VocabularyLabel } from '../i18n/VocabularyLabel.tsx';

interface Item {
  to: string;
  label: string;
  testId: string;
}

interface Group {
  label: string;
  testId: string;
  items: Item[];
}

/** The navigation: each entry shown only to those the policy lets open it. */
export function Navigation() {
  const { t } = useTranslation();
  const { user } = useSession();
  const permissions = usePermissions();
  const location = useLocation();
  const signOut = useSignOut();

  // A report and the new-report form are under "Reports".
  const isActive = (to: string) =>
    to === '/'
      ? location.pathname === '/'
      : location.pathname === to ||
        (to === '/reports' && location.pathname.startsWith('/reports/')) ||
        (to === '/incidents' && location.pathname.startsWith('/incidents/')) ||
        (to === '/meetings' && location.pathname.startsWith('/meetings/')) ||
        detaineeNavActive(to, location.pathname);

  const admin: Item[] = [{ to: '/admin/organisations', label: t('nav.organisations'), testId: 'nav-organisations' }];
  if (permissions.listUsers) admin.push({ to: '/admin/users', label: t('nav.users'), testId: 'nav-users' });

  const detainees: Item[] = [];
  if (permissions.detaineeLists) detainees.push({ to: '/detainees', label: t('detainees.nav.lists'), testId: 'nav-detainees' });
  if (permissions.matchReview) detainees.push({ to: '/detainees/matching', label: t('detainees.nav.matching'), testId: 'nav-matching' });
  if (permissions.exchanges) detainees.push({ to: '/exchanges', label: t('detainees.nav.exchanges'), testId: 'nav-exchanges' });
  if (permissions.exchangeStats) detainees.push({ to: '/exchanges/dashboard', label: t('detainees.nav.figures'), testId: 'nav-exchange-figures' });

  const groups: Group[] = [
    ...(detainees.length > 0 ? [{ label: t('detainees.nav.group'), testId: 'nav-detainees-group', items: detainees }] : []),
    { label: t('nav.administration'), testId: 'nav-administration', items: admin },
    {
      label: t('nav.mechanism'),
      testId: 'nav-mechanism-group',
      items: [
        { to: '/mechanism', label: t('nav.mechanismOverview'), testId: 'nav-mechanism' },
        { to: '/mechanism/agreements', label: t('nav.agreements'), testId: 'nav-agreements' },
        { to: '/mechanism/excluded-groups', label: t('nav.excludedGroups'), testId: 'nav-excluded-groups' },
        { to: '/mechanism/zones', label: t('nav.zones'), testId: 'nav-zones' },
        { to: '/mechanism/taxonomy', label: t('nav.taxonomy'), testId: 'nav-taxonomy' },
      ],
    },
    {
      label: t('nav.account'),
      testId: 'nav-account',
      items: [
        { to: '/account/password', label: t('nav.password'), testId: 'nav-password' },
        { to: '/account/second-factor', label: t('nav.secondFactor'), testId: 'nav-second-factor' },
        { to: '/account/tokens', label: t('nav.tokens'), testId: 'nav-tokens' },
      ],
    },
  ];

  const link = (item: Item) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      active={isActive(item.to)}
      aria-current={isActive(item.to) ? 'page' : undefined}
      data-testid={item.testId}
    />
  );

  return (
    <>
      <AppShell.Section grow component={ScrollArea} p="xs">
        {link({ to: '/', label: t('nav.home'), testId: 'nav-home' })}
        {link({ to: '/reports', label: t('nav.reports'), testId: 'nav-reports' })}
        {link({ to: '/incidents', label: t('incidents.nav'), testId: 'nav-incidents' })}
        {permissions.can('incident.manage') && link({ to: '/triage', label: t('triage.nav'), testId: 'nav-triage' })}
        {permissions.can('meetings.read') && link({ to: '/meetings', label: t('meetings.nav'), testId: 'nav-meetings' })}
        {link({ to: '/dashboard', label: t('dashboard.nav'), testId: 'nav-dashboard' })}
        {link({ to: '/map', label: t('dashboard.navMap'), testId: 'nav-map' })}
        {permissions.can('publications.read') && link({ to: '/publications', label: t('publications.nav'), testId: 'nav-publications' })}
        {link({ to: '/record', label: t('nav.record'), testId: 'nav-record' })}
        {groups.map((group) => (
          <NavLink
            key={group.testId}
            // A button, which may say whether it is expanded (a link without an address may not).
            component="button"
            type="button"
            label={group.label}
            data-testid={group.testId}
            defaultOpened
            childrenOffset="md"
            active={group.items.some((i) => isActive(i.to))}
            variant="subtle"
          >
            {group.items.map(link)}
          </NavLink>
        ))}
      </AppShell.Section>
      <AppShell.Section p="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Box px="sm" py={6}>
          <Text size="sm" fw={600} truncate dir="auto" data-testid="current-user">
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            <VocabularyLabel labels={user.organisationLabels} otherwise={user.organisationName} /> · {t(`roles.${user.role}`)}
          </Text>
        </Box>
        <NavLink component="button" type="button" label={t('nav.signOut')} onClick={() => void signOut()} data-testid="nav-sign-out" c="red.8" />
      </AppShell.Section>
    </>
  );
}
