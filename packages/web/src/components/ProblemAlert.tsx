import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../api/client.ts';
import { isStale, problemMessage } from './problem.ts';

interface Props {
  error: unknown;
  /** For a stale version (409): reload what is shown. */
  onReload?: () => void;
  testId?: string;
}

/** Shows an error from the API: the translated or server sentence, and for 409 a reload button. */
export function ProblemAlert({ error, onReload, testId = 'problem' }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const stale = isStale(error);
  const title = stale ? t('errors.staleTitle') : isProblem(error) && error.status === 429 ? t('errors.rateLimitedTitle') : t('errors.title');
  return (
    <Alert color={stale ? 'orange' : 'red'} title={title} data-testid={testId} role="alert">
      <Text size="sm" className="truce-break">
        {problemMessage(t, error)}
      </Text>
      {stale && onReload && (
        <Group mt="sm">
          <Button size="xs" variant="white" color="orange" onClick={onReload} data-testid="problem-reload">
            {t('actions.reload')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
