import { Button, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MinimalLayout } from './MinimalLayout.tsx';

/** A page that failed to render: say so, and offer a way back. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : String(error);
  return (
    <MinimalLayout>
      <Stack>
        <Title order={2}>{t('errors.pageFailed')}</Title>
        <Text c="dimmed" size="sm" className="truce-break">
          {detail}
        </Text>
        <Button component="a" href="/">
          {t('nav.home')}
        </Button>
      </Stack>
    </MinimalLayout>
  );
}
