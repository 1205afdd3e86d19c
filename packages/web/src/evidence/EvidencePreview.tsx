import { type ReactNode, useState } from 'react';
import { Anchor, Group, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { EvidenceMeta } from './api.ts';

/**
 * What a file looks like in a report: a photo's thumbnail that opens full size, a player
 * for video and sound, a PDF to open in a new tab, an icon for anything else. Every source
 * is an API route of the same origin, so the browser sends the session cookie with it and
 * the server checks access as for a download; nothing is fetched before the file's
 * description has come back (which already says the reader may open it).
 */

/** The server makes thumbnails of these (packages/server/src/evidence/thumbnails.ts). */
const THUMBNAIL_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
/** Browsers play these; a QuickTime film from an iPhone usually plays in them too. */
const VIDEO_TYPES = new Set(['video/mp4', 'video/webm', 'video/quicktime']);
const AUDIO_TYPES = new Set(['audio/mpeg', 'audio/ogg', 'audio/wav', 'audio/mp4']);

export type EvidenceKind = 'photo' | 'video' | 'audio' | 'pdf' | 'text' | 'file';

export function kindOf(mediaType: string): EvidenceKind {
  if (mediaType.startsWith('image/')) return 'photo';
  if (VIDEO_TYPES.has(mediaType)) return 'video';
  if (AUDIO_TYPES.has(mediaType)) return 'audio';
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'text/plain') return 'text';
  return 'file';
}

const fileUrl = (sha256: string, inline = false) => `/api/evidence/${sha256}${inline ? '?inline=1' : ''}`;

/** The square beside a file's name: its thumbnail (a button that opens the photo) or an icon for its kind. */
export function EvidenceThumb({ meta, name }: { meta: EvidenceMeta; name: string }) {
  const { t } = useTranslation();
  const [broken, setBroken] = useState(false);
  const [open, setOpen] = useState(false);
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const kind = kindOf(meta.mediaType);
  if (!THUMBNAIL_TYPES.has(meta.mediaType) || broken) return <KindIcon kind={kind} />;
  return (
    <>
      <UnstyledButton
        onClick={() => setOpen(true)}
        aria-label={t('evidence.openFull', { name })}
        title={t('evidence.openFull', { name })}
        data-testid="evidence-thumbnail"
        style={{ flex: 'none', lineHeight: 0, borderRadius: 4, overflow: 'hidden', border: '1px solid var(--mantine-color-gray-4)' }}
      >
        <img
          src={`/api/evidence/${meta.sha256}/thumbnail`}
          alt={t('evidence.photo', { name })}
          loading="lazy"
          decoding="async"
          width={BOX}
          height={BOX}
          style={{ objectFit: 'cover', display: 'block' }}
          // A photo the server cannot decode has no thumbnail (404): show its icon instead.
          onError={() => setBroken(true)}
        />
      </UnstyledButton>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={name}
        size="auto"
        fullScreen={phone}
        centered={!phone}
        closeButtonProps={{ 'aria-label': t('evidence.close') }}
        data-testid="evidence-full"
      >
        <Stack gap="xs" align="center">
          <img
            src={fileUrl(meta.sha256, true)}
            alt={t('evidence.photo', { name })}
            data-testid="evidence-full-image"
            style={{ maxWidth: '100%', maxHeight: phone ? '75vh' : '80vh', objectFit: 'contain', imageOrientation: 'from-image' }}
          />
          <Group gap="md">
            <Anchor href={fileUrl(meta.sha256, true)} target="_blank" rel="noopener noreferrer" size="sm">
              {t('evidence.openInTab')}
            </Anchor>
            <Anchor href={fileUrl(meta.sha256)} download size="sm">
              {t('evidence.download')}
            </Anchor>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** What plays or opens in the page under a file's name: players for video and sound, a link that opens a PDF. */
export function EvidenceViewer({ meta, name }: { meta: EvidenceMeta; name: string }) {
  const { t } = useTranslation();
  const [unplayable, setUnplayable] = useState(false);
  const kind = kindOf(meta.mediaType);
  if (kind === 'pdf') {
    return (
      <Anchor href={fileUrl(meta.sha256, true)} target="_blank" rel="noopener noreferrer" size="sm" data-testid="evidence-open-pdf">
        {t('evidence.openPdf')}
      </Anchor>
    );
  }
  if (kind !== 'video' && kind !== 'audio') return null;
  if (unplayable) {
    return (
      <Text size="xs" c="dimmed" data-testid="evidence-unplayable">
        {t('evidence.cannotPlay')}
      </Text>
    );
  }
  // Only the length and first frame are fetched until the reader presses play (byte ranges).
  return kind === 'video' ? (
    // biome-ignore lint/a11y/useMediaCaption: evidence is shown as it was recorded; no captions exist for it (the report's text describes it).
    <video
      controls
      preload="metadata"
      src={fileUrl(meta.sha256)}
      aria-label={t('evidence.video', { name })}
      data-testid="evidence-video"
      onError={() => setUnplayable(true)}
      style={{ display: 'block', width: '100%', maxWidth: 480, maxHeight: 360, background: '#000', borderRadius: 4 }}
    />
  ) : (
    // biome-ignore lint/a11y/useMediaCaption: evidence is shown as it was recorded; no captions exist for it (the report's text describes it).
    <audio
      controls
      preload="metadata"
      src={fileUrl(meta.sha256)}
      aria-label={t('evidence.audio', { name })}
      data-testid="evidence-audio"
      onError={() => setUnplayable(true)}
      style={{ display: 'block', width: '100%', maxWidth: 480 }}
    />
  );
}

const BOX = 72;

/** A plain drawing for each kind of file, named for screen readers. */
function KindIcon({ kind }: { kind: EvidenceKind }) {
  const { t } = useTranslation();
  const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;
  const drawing: Record<EvidenceKind, ReactNode> = {
    photo: (
      <>
        <rect x="3" y="5" width="18" height="14" rx="2" {...stroke} />
        <circle cx="9" cy="10" r="1.8" {...stroke} />
        <path d="M4 17l5-5 4 4 3-3 4 4" {...stroke} />
      </>
    ),
    video: (
      <>
        <rect x="3" y="6" width="13" height="12" rx="2" {...stroke} />
        <path d="M16 10l5-3v10l-5-3z" {...stroke} />
      </>
    ),
    audio: <path d="M9 18V6l11-2v12M9 18a3 3 0 1 1-6 0 3 3 0 0 1 6 0zM20 16a3 3 0 1 1-6 0 3 3 0 0 1 6 0z" {...stroke} />,
    pdf: (
      <>
        <path d="M6 3h8l5 5v13H6z M14 3v5h5" {...stroke} />
        <text x="12.5" y="17.5" textAnchor="middle" fontSize="5.5" fontWeight="700" fill="currentColor" fontFamily="sans-serif">
          PDF
        </text>
      </>
    ),
    text: <path d="M6 3h8l5 5v13H6z M14 3v5h5 M9 12h7 M9 15h7 M9 18h5" {...stroke} />,
    file: <path d="M6 3h8l5 5v13H6z M14 3v5h5" {...stroke} />,
  };
  return (
    <div
      role="img"
      aria-label={t(`evidence.kind.${kind}`)}
      title={t(`evidence.kind.${kind}`)}
      data-testid="evidence-icon"
      data-kind={kind}
      style={{
        flex: 'none',
        width: BOX,
        height: BOX,
        display: 'grid',
        placeItems: 'center',
        borderRadius: 4,
        background: 'var(--mantine-color-gray-1)',
        color: 'var(--mantine-color-gray-7)',
      }}
    >
      <svg viewBox="0 0 24 24" width={36} height={36} aria-hidden="true" focusable="false">
        {drawing[kind]}
      </svg>
    </div>
  );
}
