import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useReloadReports, useWithdrawReport, type Report } from './api.ts';

/** Withdrawing a report: it stays readable, marked withdrawn with the reason given here. */
export function WithdrawForm({ report, onDone, onCancel }: { report: Report; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const form = useFormProblem();
  const withdraw = useWithdrawReport(report);
  const reload = useReloadReports();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.invalid({ reason: !reason.trim() && t('validation.required') })) return;
    withdraw.mutate(reason.trim(), { onSuccess: onDone, onError: form.fail });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="report-withdraw-form">
      <Stack gap="sm">
        <Text size="sm">{t('reports.withdraw.explain')}</Text>
        <ProblemAlert
          error={form.problem}
          onReload={() => {
            void reload();
            onCancel();
          }}
        />
        <Textarea
          label={t('reports.withdraw.reason')}
          required
          autosize
          minRows={3}
          dir="auto"
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={form.error('reason')}
          data-testid="report-withdraw-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" color="red" loading={withdraw.isPending} data-testid="report-withdraw-submit">
            {t('reports.withdraw.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
