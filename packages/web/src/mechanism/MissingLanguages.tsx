import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/languages.ts';
import { missingLanguages, type Labels } from '../i18n/vocabulary.ts';

/** Under a set-up item: the languages its label is not yet translated into (nothing when none is missing). */
export function MissingLanguages({ labels, testId }: { labels: Partial<Labels> | undefined; testId?: string }) {
  const { t } = useTranslation();
  const missing = missingLanguages(labels);
  if (missing.length === 0) return null;
  const names = missing.map((code) => LANGUAGES.find((l) => l.code === code)?.name ?? code);
  return (
    <Text size="xs" c="orange.9" data-testid={testId} data-missing={missing.join(' ')}>
      {t('vocabulary.missingIn', { languages: names.join(' · ') })}
    </Text>
  );
}
