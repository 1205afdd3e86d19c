import { Fieldset, NativeSelect, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../i18n/languages.ts';
import { useLimits } from '../../api/limits.ts';
import { guessLanguage } from '../formState.ts';
import type { SectionProps } from './types.ts';

/** Languages a description may be written in: the interface's, and Kurdish. Each is named in itself. */
export const DESCRIPTION_LANGUAGES = [...LANGUAGES.map((l) => ({ value: l.code, label: l.name })), { value: 'ku', label: 'Kurdî' }];

/** What happened, in the reporter's own words and language (kept as written, never translated in place). */
export function DescriptionSection({ state, set, error }: SectionProps) {
  const { t, i18n } = useTranslation();
  const { textMaxChars } = useLimits();
  const languages = DESCRIPTION_LANGUAGES.some((l) => l.value === state.language)
    ? DESCRIPTION_LANGUAGES
    : [...DESCRIPTION_LANGUAGES, { value: state.language, label: state.language }];
  return (
    <Fieldset legend={t('reports.section.description')} data-testid="report-section-description">
      <Stack gap="sm">
        <Textarea
          label={t('reports.form.description')}
          description={t('reports.form.descriptionHelp')}
          required
          autosize
          minRows={5}
          maxRows={16}
          dir="auto"
          lang={state.language}
          maxLength={textMaxChars}
          value={state.description}
          onChange={(e) => {
            const description = e.currentTarget.value;
            // Until the language is chosen by hand it follows the script of the text.
            set(state.languageChosen ? { description } : { description, language: guessLanguage(description, i18n.language) });
          }}
          error={error('description')}
          data-testid="report-description"
        />
        <NativeSelect
          label={t('reports.form.language')}
          value={state.language}
          onChange={(e) => set({ language: e.currentTarget.value, languageChosen: true })}
          data={languages}
          error={error('language')}
          data-testid="report-language"
          maw={260}
        />
      </Stack>
    </Fieldset>
  );
}
