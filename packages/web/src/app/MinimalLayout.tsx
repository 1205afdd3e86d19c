import type { ReactNode } from 'react';
import { Box, Button, Container, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import { Brand } from './Brand.tsx';
import { DemoBanner } from './DemoBanner.tsx';

/**
 * The frame of the pages outside the shell: sign-in, set-up, and the steps a user must
 * take before anything else (a new password, a second factor). The language switch is here too.
 */
export function MinimalLayout({
  children,
  mechanism,
  demo,
  onSignOut,
  width = 460,
}: {
  children: ReactNode;
  mechanism?: string | null;
  demo?: boolean;
  onSignOut?: () => void;
  width?: number;
}) {
  const { t } = useTranslation();
  return (
    <Box mih="100dvh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between" px="md" h={56} wrap="nowrap">
          <Brand mechanism={mechanism} />
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitcher />
            {onSignOut && (
              <Button variant="subtle" size="xs" onClick={onSignOut} data-testid="sign-out">
                {t('nav.signOut')}
              </Button>
            )}
          </Group>
        </Group>
      </Box>
      <DemoBanner demo={demo} />
      <Container size={width} py="xl" px="md" component="main">
        {children}
      </Container>
    </Box>
  );
}
