import { useEffect } from 'react';
import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { LANGUAGES } from '../i18n/languages.ts';

/**
 * The language switch, on every page; behind sign-in it is given the user's remembered
 * language and keeps it in step. A native select: it works with a screen reader and
 * a phone's own picker, and each language is named in itself.
 */
export function LanguageSwitcher({ remembered }: { remembered?: string | null } = {}) {
  const { t, i18n } = useTranslation();
  // Signed in, the language in use is the user's language: e-mails are sent in it. A
  // failure here changes nothing on screen and is tried again at the next switch.
  useEffect(() => {
    if (remembered === undefined || remembered === i18n.language) return;
    api('PUT', '/api/account/language', { language: i18n.language }).catch(() => undefined);
  }, [remembered, i18n.language]);
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
