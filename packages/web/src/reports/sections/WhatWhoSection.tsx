import { Fieldset, NativeSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Lookups } from '../labels.ts';
import type { SectionProps } from './types.ts';

/** What happened: a type from the mechanism's taxonomy (those still in use). */
export function WhatSection({ state, set, error, lookups }: SectionProps & { lookups: Lookups }) {
  const { t } = useTranslation();
  // A correction keeps the type it had even if that type has since been withdrawn.
  const types = lookups.types.filter((v) => v.active || v.code === state.typeCode);
  const chosen = types.find((v) => v.code === state.typeCode);
  return (
    <Fieldset legend={t('reports.section.what')} data-testid="report-section-what">
      <NativeSelect
        label={t('reports.form.type')}
        required
        value={state.typeCode}
        onChange={(e) => set({ typeCode: e.currentTarget.value })}
        data={[{ value: '', label: t('reports.form.chooseType') }, ...types.map((v) => ({ value: v.code, label: lookups.typeText(v.code) }))]}
        error={error('typeCode')}
        data-testid="report-type"
      />
      {chosen?.description && (
        <Text size="xs" c="dimmed" mt={4} dir="auto">
          {chosen.description}
        </Text>
      )}
    </Fieldset>
  );
}

/** Who is alleged to have done it (a party, an excluded group, or not known) and who was hit. */
export function WhoSection({ state, set, error, lookups }: SectionProps & { lookups: Lookups }) {
  const { t } = useTranslation();
  const parties = lookups.parties.map((p) => ({ value: `party:${p.id}`, label: lookups.orgText(p.id) }));
  return (
    <Fieldset legend={t('reports.section.who')} data-testid="report-section-who">
      <Stack gap="sm">
        <NativeSelect
          label={t('reports.form.alleged')}
          description={t('reports.form.allegedHelp')}
          value={state.alleged}
          onChange={(e) => set({ alleged: e.currentTarget.value })}
          data={[
            { value: 'unknown', label: t('reports.alleged.unknown') },
            { group: t('reports.form.parties'), items: parties },
            { group: t('reports.form.excludedGroups'), items: lookups.groups.map((g) => ({ value: `excluded:${g.id}`, label: lookups.groupText(g.id) })) },
          ]}
          error={error('allegedPerpetrator')}
          data-testid="report-alleged"
        />
        <NativeSelect
          label={t('reports.form.affected')}
          value={state.affected}
          onChange={(e) => set({ affected: e.currentTarget.value })}
          data={[
            { value: 'unknown', label: t('reports.affected.unknown') },
            { value: 'civilians', label: t('reports.affected.civilians') },
            { group: t('reports.form.parties'), items: parties },
          ]}
          error={error('affectedSide')}
          data-testid="report-affected"
        />
      </Stack>
    </Fieldset>
  );
}
