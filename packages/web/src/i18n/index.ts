import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from '../locales/ar.json';
import en from '../locales/en.json';
import fa from '../locales/fa.json';
import ru from '../locales/ru.json';
import tr from '../locales/tr.json';
import { countFormatter } from './count-format.ts';
import { directionOf, LANGUAGES, pickLanguage, STORAGE_KEY, type Language } from './languages.ts';

export { LANGUAGES, directionOf, type Language } from './languages.ts';

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Sets <html lang dir> (Mantine's DirectionProvider follows the dir attribute) and remembers the choice. */
export function applyLanguage(lang: string): void {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = directionOf(lang);
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

export const initialLanguage: Language = pickLanguage(readStored(), typeof navigator === 'undefined' ? [] : (navigator.languages ?? []));

void i18n
  .use(initReactI18next)
  .use(countFormatter)
  .init({
    resources: {
      en: { translation: en },
      ar: { translation: ar },
      ru: { translation: ru },
      tr: { translation: tr },
      fa: { translation: fa },
    },
    lng: initialLanguage,
    fallbackLng: 'en',
    supportedLngs: LANGUAGES.map((l) => l.code),
    // Every {{count}} goes through countFormatter, written in the reader's digits.
    interpolation: { escapeValue: false, alwaysFormat: true },
    returnNull: false,
    react: { useSuspense: false },
  });

i18n.on('languageChanged', applyLanguage);
applyLanguage(initialLanguage);

export default i18n;
