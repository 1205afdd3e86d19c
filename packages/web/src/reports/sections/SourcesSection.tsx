import { ActionIcon, Button, Fieldset, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SOURCE_KINDS, type SourceKind } from '@truce/core/reports/model';
import { MAX_SOURCE_DETAIL } from '../formState.ts';
import type { SectionProps } from './types.ts';

/** What the report rests on. Sources are sealed: only the secretariat, the guarantors and the reporter see them. */
export function SourcesSection({ state, set, error }: SectionProps) {
  const { t } = useTranslation();
  const update = (i: number, patch: Partial<{ kind: SourceKind; detail: string }>) =>
    set({ sources: state.sources.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  return (
    <Fieldset legend={t('reports.section.sources')} data-testid="report-section-sources">
      <Text size="xs" c="dimmed" mb="sm">
        {t('reports.form.sourcesHelp')}
      </Text>
      <Stack gap="sm">
        {state.sources.map((s, i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="wrap" data-testid="report-source">
            <NativeSelect
              label={t('reports.form.sourceKind')}
              value={s.kind}
              onChange={(e) => update(i, { kind: e.currentTarget.value as SourceKind })}
              data={SOURCE_KINDS.map((k) => ({ value: k, label: t(`reports.sourceKind.${k}`) }))}
              data-testid="report-source-kind"
              w={{ base: '100%', xs: 190 }}
            />
            <TextInput
              label={t('reports.form.sourceDetail')}
              dir="auto"
              maxLength={MAX_SOURCE_DETAIL}
              value={s.detail}
              onChange={(e) => update(i, { detail: e.currentTarget.value })}
              style={{ flex: '1 1 12rem' }}
              data-testid="report-source-detail"
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('reports.form.removeSource')}
              onClick={() => set({ sources: state.sources.filter((_, j) => j !== i) })}
              data-testid="report-source-remove"
            >
              ✕
            </ActionIcon>
          </Group>
        ))}
        {error('sources') && (
          <Text size="xs" c="red">
            {error('sources')}
          </Text>
        )}
        <Group>
          <Button
            size="xs"
            variant="light"
            onClick={() => set({ sources: [...state.sources, { kind: 'own-observation', detail: '' }] })}
            disabled={state.sources.length >= 20}
            data-testid="report-source-add"
          >
            {t('reports.form.addSource')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
