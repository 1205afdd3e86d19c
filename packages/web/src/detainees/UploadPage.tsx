import { useState } from 'react';
import { Alert, Anchor, Button, Card, FileButton, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../components/Ltr.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { isStale } from '../components/problem.ts';
import { useFormat } from '../i18n/format.ts';
import { fileSize } from '../evidence/api.ts';
import { uploadKey, uploadListFile, useList, useLists, useUpload, useUploadSteps, type UploadPreview } from './api.ts';
import type { ListPageState } from './ListPage.tsx';
import { MappingTable, UploadChanges, UploadErrors } from './UploadParts.tsx';
import { downloadText, templateCsv, TEMPLATE_FILE } from './template.ts';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Step 1: choose the file; it is sent as it is and checked by the server, which changes nothing yet. */
function ChooseFile({ listId, onUploaded }: { listId: string; onUploaded: (preview: UploadPreview) => void }) {
  const { t } = useTranslation();
  const [sending, setSending] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const send = async (file: File | null) => {
    if (!file) return;
    setSending(file.name);
    setError(null);
    try {
      onUploaded(await uploadListFile(listId, file));
    } catch (err) {
      setError(err);
    } finally {
      setSending(null);
    }
  };
  return (
    <Card withBorder padding="md" data-testid="upload-choose">
      <Title order={3} size="h5" mb={4}>
        {t('detainees.upload.chooseTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('detainees.upload.chooseHelp')}
      </Text>
      <ProblemAlert error={error} testId="upload-problem" />
      <Group gap="sm" mt="sm" wrap="wrap">
        <FileButton onChange={(f) => void send(f)} accept={ACCEPT} inputProps={{ 'data-testid': 'upload-file-input' } as Record<string, string>}>
          {(props) => (
            <Button {...props} loading={sending !== null} data-testid="upload-choose-button">
              {t('detainees.upload.choose')}
            </Button>
          )}
        </FileButton>
        <Button variant="default" onClick={() => downloadText(TEMPLATE_FILE, templateCsv())} data-testid="upload-template">
          {t('detainees.upload.template')}
        </Button>
      </Group>
      {sending && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('detainees.upload.sending', { name: sending })}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        {t('detainees.upload.templateHelp')}
      </Text>
    </Card>
  );
}

/**
 * /detainees/lists/:id/upload: a new version of a list from a CSV or XLSX file, in steps —
 * the file, the mapping of its headers, its errors (nothing is imported from a file with
 * any) or the differences it would make, and then accept or discard. The upload's id is
 * kept in the address, so a reload comes back to the same preview.
 */
export function UploadPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const fmt = useFormat();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const uploadId = params.get('upload');
  const list = useList(id);
  const lists = useLists();
  const upload = useUpload(uploadId);
  const steps = useUploadSteps(uploadId ?? '');
  const summary = lists.data?.find((l) => l.id === id);
  const back = `/detainees/lists/${id}`;
  const restart = () => setParams(new URLSearchParams(), { replace: true });

  const uploaded = (preview: UploadPreview) => {
    client.setQueryData(uploadKey(preview.id), preview);
    setParams({ upload: preview.id }, { replace: true });
  };

  const accept = () =>
    steps.accept.mutate(undefined, {
      onSuccess: (r) =>
        navigate(back, {
          state: { saved: { version: r.version, added: r.changes.added, removed: r.changes.removed, changed: r.changes.changed } } satisfies ListPageState,
        }),
    });
  const discard = () => steps.discard.mutate(undefined, { onSuccess: restart });

  const p = upload.data;
  const stepError = steps.mapping.error ?? steps.accept.error ?? steps.discard.error;

  return (
    <Stack gap="md" data-testid="upload-page">
      <Anchor component={Link} to={back} size="sm">
        {t('detainees.upload.back')}
      </Anchor>
      <PageHeader
        title={t('detainees.upload.title')}
        description={summary ? t(summary.kind === 'held' ? 'detainees.list.titleHeld' : 'detainees.list.titleSought', { party: summary.partyName }) : undefined}
      />
      {list.data && !list.data.canWrite && <Alert color="gray">{t('detainees.upload.readOnly')}</Alert>}
      {!uploadId ? (
        <ChooseFile listId={id} onUploaded={uploaded} />
      ) : upload.isPending ? (
        <Loading />
      ) : !p ? (
        <Stack gap="sm">
          <ProblemAlert error={upload.error} />
          <Group>
            <Button variant="light" onClick={restart}>
              {t('detainees.upload.another')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md" data-testid="upload-preview" data-ready={p.ready} data-status={p.status}>
          <Card withBorder padding="sm">
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text fw={600} className="truce-break">
                  <bdi dir="auto">{p.fileName}</bdi>
                </Text>
                <Text size="xs" c="dimmed">
                  {t('detainees.upload.fileFacts', { rows: fmt.number(p.rowCount), size: fileSize(p.fileBytes, i18n.language) })} · SHA-256{' '}
                  <Ltr mono>{p.fileSha256.slice(0, 16)}…</Ltr>
                </Text>
              </Stack>
              <Button variant="subtle" size="xs" onClick={restart} data-testid="upload-another">
                {t('detainees.upload.another')}
              </Button>
            </Group>
          </Card>

          {p.status !== 'pending' && (
            <Alert color="gray" data-testid="upload-decided">
              {p.status === 'accepted' ? t('detainees.upload.wasAccepted') : t('detainees.upload.wasDiscarded')}
            </Alert>
          )}
          {p.status === 'pending' && p.listVersion !== p.baseVersion && (
            <Alert color="orange" title={t('errors.staleTitle')} data-testid="upload-stale">
              {t('detainees.upload.stale', { version: fmt.number(p.listVersion) })}
            </Alert>
          )}
          <ProblemAlert error={stepError} onReload={isStale(stepError) ? restart : undefined} />

          {p.status === 'pending' && <MappingTable preview={p} saving={steps.mapping.isPending} onSave={(m) => steps.mapping.mutate(m)} />}

          {p.errorCount > 0 ? (
            <UploadErrors preview={p} />
          ) : p.changes && p.mappingProblems.length === 0 ? (
            p.changes.added + p.changes.removed + p.changes.changed === 0 ? (
              <Alert color="gray" data-testid="upload-no-change">
                {t('detainees.upload.noChange')}
              </Alert>
            ) : (
              <UploadChanges changes={p.changes} />
            )
          ) : null}

          {p.status === 'pending' && (
            <Group justify="flex-end" gap="sm">
              <Button variant="default" color="red" onClick={discard} loading={steps.discard.isPending} data-testid="upload-discard">
                {t('detainees.upload.discard')}
              </Button>
              <Button color="teal" onClick={accept} disabled={!p.ready} loading={steps.accept.isPending} data-testid="upload-accept">
                {t('detainees.upload.accept', { n: fmt.number(p.personCount) })}
              </Button>
            </Group>
          )}
          {p.status === 'pending' && !p.ready && p.errorCount === 0 && p.mappingProblems.length > 0 && (
            <Text size="sm" c="dimmed" ta="end">
              {t('detainees.upload.mapFirst')}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
