import type { FormEvent, ReactNode } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert.tsx';

interface SetupFormProps {
  onSubmit: (e: FormEvent) => void;
  /** The problem from the last save, shown above the fields. */
  problem: unknown;
  /** For a stale version (409): fetch the item again and leave the form. */
  onReload: () => void;
  onCancel: () => void;
  saving: boolean;
  submitTestId: string;
  children: ReactNode;
}

/** The form of a set-up item: its problem, its fields, and cancel and save buttons. */
export function SetupForm({ onSubmit, problem, onReload, onCancel, saving, submitTestId, children }: SetupFormProps) {
  const { t } = useTranslation();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={problem} onReload={onReload} />
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid={submitTestId}>
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
