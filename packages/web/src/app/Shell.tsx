import { AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import { useTranslation } from 'react-i18next';
import { Brand } from './Brand.tsx';
import { DemoBanner } from './DemoBanner.tsx';
import { Navigation } from './Navigation.tsx';
import { useSession } from './session.ts';
import { NotificationsBell } from '../notifications/NotificationsBell.tsx';
import { SearchBox } from '../search/SearchBox.tsx';

/**
 * The signed-in frame: a header (menu button on a phone, the mechanism, the language
 * switch), the navigation (a side bar; under 768 px a panel the menu button opens) and the page.
 */
export function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();

  // On a phone the menu closes when a page is chosen.
  useEffect(close, [location.pathname, close]);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 270, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={0}>
      {/* The first stop of the Tab key: past the header and the navigation, straight to the page. */}
      <a href="#truce-main" className="truce-skip" data-testid="skip-link">
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="truce-navigation"
              data-testid="nav-burger"
            />
            <Brand mechanism={session.mechanism?.name} />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <SearchBox />
            <NotificationsBell />
            <LanguageSwitcher remembered={session.user.language} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id="truce-navigation" aria-label={t('nav.label')} className="truce-navbar" data-closed={opened ? undefined : true}>
        <Navigation />
      </AppShell.Navbar>
      <AppShell.Main id="truce-main" tabIndex={-1}>
        <DemoBanner demo={session.mechanism?.demo} />
        <div style={{ padding: 'var(--mantine-spacing-md)', maxWidth: 1200 }}>
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
