import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_MEDIA_TYPES } from '@truce/core/evidence/media-types';
import { Ltr } from '../components/Ltr.tsx';
import { problemMessage } from '../components/problem.ts';
import { ProblemError } from '../api/client.ts';
import { useLimits } from '../api/limits.ts';
import { fileSize, uploadEvidence, useEvidenceMeta, type EvidenceItem } from './api.ts';

/** Phones do not always name HEIC or M4A files by type: their extensions are accepted too. */
const ACCEPT = [...EVIDENCE_MEDIA_TYPES, '.heic', '.heif', '.m4a', '.mov', '.txt', '.pdf'].join(',');

interface Upload {
  key: number;
  file: File;
  progress: number;
  error: unknown;
}

/**
 * Evidence files, for a report or a reply: each is uploaded (POST /api/evidence) as soon
 * as it is chosen, one at a time (a slow link is not shared between several), and the
 * form sends their SHA-256. A refused file shows the server's reason and can be tried
 * again or dropped. `testId` prefixes the test ids ("report" → report-evidence-input).
 */
export function EvidencePicker({
  items,
  setItems,
  onBusy,
  testId,
}: {
  items: EvidenceItem[];
  setItems: (update: (items: EvidenceItem[]) => EvidenceItem[]) => void;
  onBusy: (busy: boolean) => void;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const limits = useLimits();
  const next = useRef(0);
  const running = useRef(false);
  // Uploads that have ended. An effect may run with an older list (effects run after the
  // upload's answer has come), so an upload is never started twice: a retry gets a new key.
  const settled = useRef(new Set<number>());

  const busy = uploads.some((u) => !u.error);
  useEffect(() => onBusy(busy), [busy, onBusy]);

  // The queue: the first upload without an error is sent; when it is done, the next.
  useEffect(() => {
    const current = uploads.find((u) => !u.error && !settled.current.has(u.key));
    if (!current || running.current) return;
    // A file the server would refuse for its size is not sent over a slow link first.
    if (current.file.size > limits.evidenceMaxBytes) {
      settled.current.add(current.key);
      const error = new ProblemError({
        type: 'about:blank',
        title: 'Payload Too Large',
        status: 413,
        detail: t('reports.evidence.tooLarge', { max: fileSize(limits.evidenceMaxBytes, i18n.language) }),
        code: 'too_large',
      });
      setUploads((us) => us.map((u) => (u.key === current.key ? { ...u, error } : u)));
      return;
    }
    running.current = true;
    const progress = (p: number) => setUploads((us) => us.map((u) => (u.key === current.key ? { ...u, progress: p } : u)));
    uploadEvidence(current.file, progress).then(
      (done) => {
        settled.current.add(current.key);
        running.current = false;
        const item = { sha256: done.sha256, name: done.originalName ?? current.file.name, size: done.size, mediaType: done.mediaType };
        // The same file chosen twice is stored once and listed once.
        setItems((list) => (list.some((e) => e.sha256 === item.sha256) ? list : [...list, item]));
        setUploads((us) => us.filter((u) => u.key !== current.key));
      },
      (error: unknown) => {
        settled.current.add(current.key);
        running.current = false;
        setUploads((us) => us.map((u) => (u.key === current.key ? { ...u, error } : u)));
      },
    );
  }, [uploads, setItems, limits.evidenceMaxBytes, t, i18n.language]);

  const add = (files: File[]) => setUploads((us) => [...us, ...files.map((file) => ({ key: next.current++, file, progress: 0, error: null }))]);
  const retry = (key: number) => setUploads((us) => us.map((u) => (u.key === key ? { ...u, key: next.current++, error: null, progress: 0 } : u)));
  const drop = (key: number) => setUploads((us) => us.filter((u) => u.key !== key));

  return (
    <Stack gap="xs">
      {items.map((e) => (
        <Group key={e.sha256} gap="xs" wrap="nowrap" justify="space-between" data-testid={`${testId}-evidence-item`}>
          <ItemLabel item={e} />
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('reports.form.removeEvidence')}
            onClick={() => setItems((list) => list.filter((x) => x.sha256 !== e.sha256))}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
      {uploads.map((u) => (
        <Stack key={u.key} gap={4} data-testid={`${testId}-evidence-upload`}>
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Text size="sm" dir="auto" truncate>
              {u.file.name}{' '}
              <Text span size="xs" c="dimmed">
                ({fileSize(u.file.size, i18n.language)})
              </Text>
            </Text>
            {!!u.error && (
              <Group gap={4} wrap="nowrap">
                <Button size="compact-xs" variant="light" onClick={() => retry(u.key)}>
                  {t('actions.retry')}
                </Button>
                <ActionIcon variant="subtle" color="red" aria-label={t('reports.form.removeEvidence')} onClick={() => drop(u.key)}>
                  ✕
                </ActionIcon>
              </Group>
            )}
          </Group>
          {u.error ? (
            <Text size="xs" c="red" className="truce-break" data-testid={`${testId}-evidence-error`}>
              {problemMessage(t, u.error)}
            </Text>
          ) : (
            <Progress value={u.progress * 100} size="sm" animated={u.progress < 1} aria-label={t('reports.form.uploading')} />
          )}
        </Stack>
      ))}
      <Group>
        <FileButton onChange={add} multiple accept={ACCEPT} inputProps={{ 'data-testid': `${testId}-evidence-input` } as Record<string, string>}>
          {(props) => (
            <Button size="xs" variant="light" {...props} disabled={items.length >= 50} data-testid={`${testId}-evidence-add`}>
              {t('reports.form.addEvidence')}
            </Button>
          )}
        </FileButton>
      </Group>
    </Stack>
  );
}

/** A file listed by name, size and type; for a correction, where only the hash is known, from the server. */
function ItemLabel({ item }: { item: EvidenceItem }) {
  const { t, i18n } = useTranslation();
  const meta = useEvidenceMeta(item.sha256, !item.name);
  const name = item.name || meta.data?.originalName || t('reports.evidence.file');
  const size = item.size || meta.data?.size || 0;
  const type = item.mediaType || meta.data?.mediaType || '';
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="sm" dir="auto" truncate>
        {name}
      </Text>
      <Text size="xs" c="dimmed">
        {size > 0 && `${fileSize(size, i18n.language)} · `}
        {type && <Ltr>{type}</Ltr>} <Ltr mono>{item.sha256.slice(0, 12)}…</Ltr>
      </Text>
    </div>
  );
}
