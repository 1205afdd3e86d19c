import { Fieldset, NativeSelect, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TIME_PRECISIONS, type TimePrecision } from '@truce/core/reports/model';
import { useFormat } from '../../i18n/format.ts';
import { toInstant } from '../formState.ts';
import type { SectionProps } from './types.ts';

/** "+03:00": this device's offset from UTC now. */
function deviceOffset(): string {
  const minutes = -new Date().getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** When it happened, how precisely that is known, and in which time zone it is typed. */
export function WhenSection({ state, set, error }: SectionProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const dayOnly = state.timePrecision === 'day';
  const instant = toInstant(state.when, state.zone, state.timePrecision);
  const date = state.when.slice(0, 10);
  const time = state.when.slice(11, 16) || '12:00';

  return (
    <Fieldset legend={t('reports.section.when')} data-testid="report-section-when">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput
          type={dayOnly ? 'date' : 'datetime-local'}
          label={dayOnly ? t('reports.form.date') : t('reports.form.dateTime')}
          required
          dir="ltr"
          value={dayOnly ? date : state.when}
          // A date alone keeps the time typed before, should the precision be changed back.
          onChange={(e) => set({ when: dayOnly ? (e.currentTarget.value ? `${e.currentTarget.value}T${time}` : '') : e.currentTarget.value })}
          error={error('occurredAt')}
          data-testid="report-occurred-at"
        />
        <NativeSelect
          label={t('reports.form.timePrecision')}
          value={state.timePrecision}
          onChange={(e) => set({ timePrecision: e.currentTarget.value as TimePrecision })}
          data={TIME_PRECISIONS.map((p) => ({ value: p, label: t(`reports.timePrecision.${p}`) }))}
          data-testid="report-time-precision"
        />
      </SimpleGrid>
      {!dayOnly && (
        <NativeSelect
          mt="sm"
          label={t('reports.form.timeZone')}
          value={state.zone}
          onChange={(e) => set({ zone: e.currentTarget.value as 'utc' | 'device' })}
          data={[
            { value: 'utc', label: t('reports.form.zoneUtc') },
            { value: 'device', label: t('reports.form.zoneDevice', { offset: `UTC${deviceOffset()}` }) },
          ]}
          data-testid="report-time-zone"
        />
      )}
      {instant && (
        <Text size="xs" c="dimmed" mt={6} data-testid="report-occurred-at-utc">
          {t('reports.form.recordedAs', { when: dayOnly ? fmt.date(instant) : fmt.dateTime(instant) })}
        </Text>
      )}
    </Fieldset>
  );
}
