import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from './languages.ts';
import { labelText, shownLabel, type Labels } from './vocabulary.ts';

type MaybeLabels = Partial<Labels> | null | undefined;

/** The reader's language's own name ("العربية"), for the "not translated into …" hint. */
function languageName(code: string): string {
  return LANGUAGES.find((l) => l.code === code)?.name ?? code;
}

/**
 * A vocabulary item's label in the reader's language. When their language has none, the
 * English label is shown as English (lang="en", left to right) followed by a small "EN"
 * mark whose title says it is not translated yet.
 */
export function VocabularyLabel({ labels, otherwise = '', testId }: { labels: MaybeLabels; otherwise?: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const shown = shownLabel(labels, i18n.language, otherwise);
  if (!shown.fallback) {
    return (
      <span lang={shown.lang} data-testid={testId}>
        {shown.text}
      </span>
    );
  }
  const hint = t('vocabulary.untranslated', { language: languageName(i18n.language) });
  return (
    <span data-testid={testId} data-untranslated="">
      <bdi lang="en" dir="ltr">
        {shown.text}
      </bdi>{' '}
      <abbr title={hint} className="truce-untranslated" style={{ fontSize: '0.7em', fontWeight: 600, textDecoration: 'none' }}>
        {t('vocabulary.mark')}
      </abbr>
    </span>
  );
}

/** The reader's label as text (options, tooltips, sentences), the English fallback followed by its mark. */
export function useVocabulary() {
  const { t, i18n } = useTranslation();
  const mark = t('vocabulary.mark');
  const language = i18n.language;
  const text = useCallback((labels: MaybeLabels, otherwise = '') => labelText(labels, language, mark, otherwise), [language, mark]);
  return { text, language };
}
