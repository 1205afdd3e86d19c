import { useCallback } from 'react';
import { Fieldset, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EvidencePicker } from '../../evidence/EvidencePicker.tsx';
import type { EvidenceItem } from '../../evidence/api.ts';
import type { SectionProps } from './types.ts';

/** The report's evidence files (EvidencePicker: each uploaded when chosen, the report lists their SHA-256). */
export function EvidenceSection({ state, set, onBusy }: SectionProps & { onBusy: (busy: boolean) => void }) {
  const { t } = useTranslation();
  const setItems = useCallback((update: (items: EvidenceItem[]) => EvidenceItem[]) => set((s) => ({ evidence: update(s.evidence) })), [set]);
  return (
    <Fieldset legend={t('reports.section.evidence')} data-testid="report-section-evidence">
      <Text size="xs" c="dimmed" mb="sm">
        {t('reports.form.evidenceHelp')}
      </Text>
      <EvidencePicker items={state.evidence} setItems={setItems} onBusy={onBusy} testId="report" />
    </Fieldset>
  );
}
