import { useTranslation } from 'react-i18next';
import type { FindingValue } from './api.ts';
import { mechanismNow } from '../app/clock.ts';

/** Sentences for findings and deadlines, in the reader's language. */
export function useIncidentText(orgName: (id: string) => string) {
  const { t, i18n } = useTranslation();
  const relative = new Intl.RelativeTimeFormat(i18n.language, { numeric: 'always' });
  return {
    verification: (v: FindingValue['verification']) => t(`incidents.verification.${v}`),
    attribution(f: FindingValue, alleged: string[]): string | null {
      if (f.verification !== 'corroborated' || !f.attribution) return null;
      const a = f.attribution;
      if (a.kind === 'other-party') return t('incidents.attribution.otherPartyNamed', { party: orgName(a.organisationId) });
      if (a.kind === 'alleged')
        return alleged.length > 0 ? t('incidents.attribution.allegedNamed', { party: alleged.map(orgName).join(', ') }) : t('incidents.attribution.alleged');
      return t('incidents.attribution.undetermined');
    },
    /** "in 3 days", "in 5 hours", "2 hours ago": how far the deadline is from now. */
    fromNow(iso: string, now = mechanismNow()): string {
      const ms = new Date(iso).getTime() - now;
      const abs = Math.abs(ms);
      const [n, unit]: [number, Intl.RelativeTimeFormatUnit] =
        abs >= 2 * 86_400_000
          ? [Math.round(ms / 86_400_000), 'day']
          : abs >= 3_600_000
            ? [Math.round(ms / 3_600_000), 'hour']
            : [Math.round(ms / 60_000), 'minute'];
      return relative.format(n, unit);
    },
  };
}

export const FINDING_COLOUR: Record<FindingValue['verification'], string> = {
  corroborated: 'red',
  'not-corroborated': 'gray',
  'outside-agreement': 'orange',
  inadmissible: 'dark',
};
