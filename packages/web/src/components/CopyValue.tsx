import { ActionIcon, Button, CopyButton, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A copy-to-clipboard button with a label that says when it worked. */
export function CopyValue({ value, testId, compact = false }: { value: string; testId?: string; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) =>
        compact ? (
          <Tooltip label={copied ? t('actions.copied') : t('actions.copy')} withArrow>
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={t('actions.copy')} data-testid={testId}>
              {copied ? '✓' : '⧉'}
            </ActionIcon>
          </Tooltip>
        ) : (
          <Button size="xs" variant="light" color={copied ? 'teal' : 'blue'} onClick={copy} data-testid={testId}>
            {copied ? t('actions.copied') : t('actions.copy')}
          </Button>
        )
      }
    </CopyButton>
  );
}
