import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../api/client.ts';
import { Ltr } from '../components/Ltr.tsx';
import { useFormat } from '../i18n/format.ts';
import { ReceiptButton } from '../log/ReceiptButton.tsx';
import { receiptEntry } from '../log/subjectEntry.ts';
import { fileSize, useEvidenceMeta } from './api.ts';
import { EvidenceThumb, EvidenceViewer } from './EvidencePreview.tsx';

/**
 * A report's evidence by SHA-256. Those who may open a file (its uploader, the
 * secretariat, the guarantors) see its name, a download link and what the browser can
 * show of it (a photo's thumbnail, a player, a PDF to open); others the hash only.
 * Each file has the receipt of its first upload: the record's proof that it existed then.
 */
export function EvidenceList({ hashes }: { hashes: string[] }) {
  const { t } = useTranslation();
  if (hashes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('reports.evidence.none')}
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="report-detail-evidence">
      {hashes.map((h) => (
        <EvidenceLine key={h} sha256={h} />
      ))}
    </Stack>
  );
}

function EvidenceLine({ sha256 }: { sha256: string }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const meta = useEvidenceMeta(sha256);
  const forbidden = isProblem(meta.error) && (meta.error.status === 403 || meta.error.status === 404);
  const name = meta.data?.originalName || t('reports.evidence.file');
  return (
    <Group data-testid="report-evidence-line" gap="sm" wrap="nowrap" align="flex-start">
      {meta.data && <EvidenceThumb meta={meta.data} name={name} />}
      <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
        <Group gap="xs" wrap="wrap">
          {meta.data ? (
            <Anchor href={`/api/evidence/${sha256}`} download size="sm" dir="auto" data-testid="evidence-download">
              {name}
            </Anchor>
          ) : (
            <Text size="sm">{t('reports.evidence.file')}</Text>
          )}
          {meta.data && (
            <Text size="xs" c="dimmed">
              {fileSize(meta.data.size, i18n.language)} · <Ltr>{meta.data.mediaType}</Ltr>
              {meta.data.captureTime && ` · ${t('reports.evidence.captured', { when: fmt.dateTime(meta.data.captureTime) })}`}
            </Text>
          )}
        </Group>
        {meta.data && <EvidenceViewer meta={meta.data} name={name} />}
        <Group gap="xs" wrap="wrap">
          <Text size="xs" c="dimmed">
            <Ltr mono>SHA-256 {sha256}</Ltr>
          </Text>
          <ReceiptButton
            entry={receiptEntry('evidence', sha256, { types: ['evidence.uploaded'], which: 'first' })}
            testId="evidence-receipt"
            size="compact-xs"
            short
          />
        </Group>
        {forbidden && (
          <Text size="xs" c="dimmed">
            {t('reports.evidence.notYours')}
          </Text>
        )}
      </Stack>
    </Group>
  );
}
