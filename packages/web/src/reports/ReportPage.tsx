import { useState } from 'react';
import { Alert, Anchor, Button, Card, Stack, Text, Title } from '@mantine/core';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../app/permissions.ts';
import { FormModal } from '../components/FormModal.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useReport, useReportVersions, type Report, type ReportLogEntries } from './api.ts';
import { useLookups, useReportText } from './labels.ts';
import { ReportBadges } from './ReportRow.tsx';
import { ReportForm } from './ReportForm.tsx';
import { ReportView } from './ReportView.tsx';
import { VersionTimeline } from './VersionTimeline.tsx';
import { WithdrawForm } from './WithdrawForm.tsx';
import { GroupingPanel } from '../incidents/GroupingPanel.tsx';
import { ReceiptButton } from '../log/ReceiptButton.tsx';
import { get } from '../api/client.ts';

/** What is sealed from this reader, said plainly. */
export function SealedNote({ sealed }: { sealed: string[] }) {
  const { t } = useTranslation();
  if (sealed.length === 0) return null;
  const key = sealed.includes('location') ? 'reports.sealed.placeAndSources' : 'reports.sealed.sources';
  return (
    <Alert color="gray" variant="light" title={t('reports.sealed.title')} data-testid="report-sealed-note">
      <Text size="sm">{t(key)}</Text>
    </Alert>
  );
}

/** The log index of the entry that recorded this version of the report (its filing or correction). */
async function currentEntry(id: string, version: number): Promise<number | null> {
  const found = await get<ReportLogEntries>(`/api/reports/${encodeURIComponent(id)}/log-entries`);
  return found.versions.find((v) => v.version === version)?.logIndex ?? null;
}

/** /reports/:id: a report, its versions and, for its reporting organisation, correction and withdrawal. */
export function ReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const permissions = usePermissions();
  const lookups = useLookups();
  const text = useReportText(lookups);
  const report = useReport(id);
  const versions = useReportVersions(id);
  const [dialog, setDialog] = useState<'correct' | 'withdraw' | null>(null);
  const [done, setDone] = useState<'filed' | 'corrected' | 'withdrawn' | null>((location.state as { filed?: boolean } | null)?.filed ? 'filed' : null);

  if (report.isPending || lookups.pending) return <Loading />;
  if (!report.data) {
    return (
      <Stack gap="md">
        <ProblemAlert error={report.error} />
        <Anchor component={Link} to="/reports">
          {t('reports.back')}
        </Anchor>
      </Stack>
    );
  }
  const r: Report = report.data;
  const canChange = !r.withdrawn && permissions.can('report.correct', { reporterOrgId: r.reporterOrganisationId, allegedPartyId: null, affectedPartyId: null });
  const closed = (what: 'corrected' | 'withdrawn') => () => {
    setDialog(null);
    setDone(what);
  };

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/reports" size="sm">
        {t('reports.back')}
      </Anchor>
      <PageHeader
        title={text.type(r.typeCode)}
        description={text.when(r.occurredAt, r.timePrecision)}
        actions={
          <>
            <ReceiptButton entry={() => currentEntry(r.id, r.version)} testId="report-receipt" />
            {canChange && (
              <>
                <Button variant="light" onClick={() => setDialog('correct')} data-testid="report-correct">
                  {t('reports.correct.button')}
                </Button>
                <Button variant="light" color="red" onClick={() => setDialog('withdraw')} data-testid="report-withdraw">
                  {t('reports.withdraw.button')}
                </Button>
              </>
            )}
          </>
        }
      />
      <ReportBadges report={r} />
      {done && (
        <Alert color="teal" withCloseButton onClose={() => setDone(null)} data-testid="report-saved">
          {t(`reports.saved.${done}`)}
        </Alert>
      )}
      {r.withdrawn && (
        <Alert color="red" title={t('reports.withdrawn.title')} data-testid="report-withdrawn">
          <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }} className="truce-break">
            {r.withdrawn.reason}
          </Text>
        </Alert>
      )}
      {(r.flags.outsideZones || r.flags.outsideDates) && (
        <Alert color="orange" variant="light" data-testid="report-flags">
          {r.flags.outsideZones && <Text size="sm">{t('reports.flags.outsideZones')}</Text>}
          {r.flags.outsideDates && <Text size="sm">{t('reports.flags.outsideDates')}</Text>}
        </Alert>
      )}
      <SealedNote sealed={r.sealed} />
      <ReportView report={r} lookups={lookups} />
      {permissions.can('incident.manage') && (
        <GroupingPanel reportId={r.id} accused={r.allegedPerpetrator.kind === 'party' ? [text.organisation(r.allegedPerpetrator.organisationId)] : []} />
      )}
      <Card withBorder padding="md">
        <Title order={3} size="h5" mb="sm">
          {t('reports.versions.title')}
        </Title>
        <VersionTimeline report={r} versions={versions.data} error={versions.error} lookups={lookups} />
      </Card>
      <FormModal opened={dialog === 'correct'} onClose={() => setDialog(null)} title={t('reports.correct.title')} size="xl" testId="report-correct-dialog">
        {dialog === 'correct' && <ReportForm report={r} onDone={closed('corrected')} onCancel={() => setDialog(null)} />}
      </FormModal>
      <FormModal opened={dialog === 'withdraw'} onClose={() => setDialog(null)} title={t('reports.withdraw.title')} size="md" testId="report-withdraw-dialog">
        {dialog === 'withdraw' && <WithdrawForm report={r} onDone={closed('withdrawn')} onCancel={() => setDialog(null)} />}
      </FormModal>
    </Stack>
  );
}
