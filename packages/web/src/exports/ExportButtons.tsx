import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExportDataset } from '@truce/core/exports/format';
import { usePermissions } from '../app/permissions.ts';
import { useSession } from '../app/session.ts';
import { exportUrl, offeredFormats } from './url.ts';
import { useVocabulary } from '../i18n/VocabularyLabel.tsx';

/**
 * The export buttons of a list or the map (C8): CSV with HXL hashtags, ACLED CSV (reports),
 * GeoJSON and JSON, each for the filters on screen. Beside them, the scope the file is drawn
 * under, as the server writes it into every export: for this organisation, only what it may
 * see, sealed fields withheld unless it may see them.
 */
export function ExportButtons({ dataset, filter, testId }: { dataset: ExportDataset; filter: object; testId: string }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const vocabulary = useVocabulary();
  const permissions = usePermissions();
  const sealed = permissions.can('report.read.sealed') ? 'scopeSealed' : 'scope';
  return (
    <Stack gap={4} data-testid={testId}>
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {t('exports.label')}
        </Text>
        {offeredFormats(dataset).map((format) => (
          <Button
            key={format}
            component="a"
            variant="light"
            size="xs"
            // The names in the file (types, organisations, groups) in the reader's language.
            href={exportUrl(dataset, format, { ...filter, lang: i18n.language })}
            download
            data-testid={`${testId}-${format}`}
            title={t(`exports.hint.${format}`)}
          >
            {t(`exports.format.${format}`)}
          </Button>
        ))}
      </Group>
      <Text size="xs" c="dimmed" data-testid={`${testId}-scope`}>
        <bdi>{t(`exports.${sealed}`, { organisation: vocabulary.text(session.user.organisationLabels, session.user.organisationName) })}</bdi>
      </Text>
    </Stack>
  );
}
