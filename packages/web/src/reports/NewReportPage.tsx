import { Stack, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../app/permissions.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { ReportForm } from './ReportForm.tsx';

/** /reports/new: a party, a guarantor or a monitor files a violation report. */
export function NewReportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const permissions = usePermissions();

  if (!permissions.can('report.file')) {
    return (
      <Text c="dimmed" data-testid="report-forbidden">
        {t('errors.forbiddenPage')}
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <PageHeader title={t('reports.new.title')} description={t('reports.new.description')} />
      <ReportForm onDone={(saved) => void navigate(`/reports/${saved.id}`, { state: { filed: true } })} onCancel={() => void navigate('/reports')} />
    </Stack>
  );
}
