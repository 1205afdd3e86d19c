import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/languages.ts';

/**
 * The language switch, on every page. A native select: it works with a screen reader and
 * a phone's own picker, and each language is named in itself.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('language.label')}
      data-testid="lang-switch"
      size="xs"
      value={i18n.language}
      onChange={(e) => void i18n.changeLanguage(e.currentTarget.value)}
      w={110}
    >
      {LANGUAGES.map((l) => (
        <option key={l.code} value={l.code} lang={l.code}>
          {l.name}
        </option>
      ))}
    </NativeSelect>
  );
}
