import { useTranslation } from 'react-i18next';
import { ReasonForm } from '../components/ReasonForm.tsx';
import { useReloadReports, useWithdrawReport, type Report } from './api.ts';

/** Withdrawing a report: it stays readable, marked withdrawn with the reason given here. */
export function WithdrawForm({ report, onDone, onCancel }: { report: Report; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawReport(report);
  const reload = useReloadReports();

  return (
    <ReasonForm
      explain={t('reports.withdraw.explain')}
      label={t('reports.withdraw.reason')}
      submitLabel={t('reports.withdraw.submit')}
      submitColor="red"
      testIds={{ form: 'report-withdraw-form', reason: 'report-withdraw-reason', submit: 'report-withdraw-submit' }}
      sending={withdraw.isPending}
      send={(reason, onError) => withdraw.mutate(reason, { onSuccess: onDone, onError })}
      onReload={() => {
        void reload();
        onCancel();
      }}
      onCancel={onCancel}
    />
  );
}
