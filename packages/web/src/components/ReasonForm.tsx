import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, Text, Textarea, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert.tsx';
import { useFormProblem } from './useFormProblem.ts';

interface ReasonFormProps {
  explain: string;
  label: string;
  submitLabel: string;
  submitColor: MantineColor;
  testIds: { form: string; reason: string; submit: string };
  sending: boolean;
  /** Sends the trimmed reason; `onError` shows the problem in the form. */
  send: (reason: string, onError: (err: unknown) => void) => void;
  /** For a stale version (409): fetch the record again and leave the form. */
  onReload: () => void;
  onCancel: () => void;
}

/** A step on a record that needs only a reason, sent with the version the reader saw (withdrawing, reopening). */
export function ReasonForm({ explain, label, submitLabel, submitColor, testIds, sending, send, onReload, onCancel }: ReasonFormProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const form = useFormProblem();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.invalid({ reason: !reason.trim() && t('validation.required') })) return;
    send(reason.trim(), form.fail);
  };

  return (
    <form onSubmit={submit} noValidate data-testid={testIds.form}>
      <Stack gap="sm">
        <Text size="sm">{explain}</Text>
        <ProblemAlert error={form.problem} onReload={onReload} />
        <Textarea
          label={label}
          required
          autosize
          minRows={3}
          dir="auto"
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={form.error('reason')}
          data-testid={testIds.reason}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" color={submitColor} loading={sending} data-testid={testIds.submit}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
