import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown on every page of a demonstration mechanism. */
export function DemoBanner({ demo }: { demo: boolean | undefined }) {
  const { t } = useTranslation();
  if (!demo) return null;
  return (
    <Alert
      color="yellow"
      variant="filled"
      radius={0}
      py={6}
      data-testid="demo-banner"
      role="note"
      // Near-black on a bright yellow (12:1): the theme's yellow 6 is dark enough for white text, too dark for a warning band.
      styles={{ root: { background: 'var(--mantine-color-yellow-4)' }, message: { color: 'var(--mantine-color-dark-9)', fontWeight: 600 } }}
    >
      {t('demo.banner')}
    </Alert>
  );
}
