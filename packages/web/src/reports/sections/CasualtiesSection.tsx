import { Button, Fieldset, Group, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CASUALTY_KEYS, parseCount, type CasualtyKey } from '../formState.ts';
import type { SectionProps } from './types.ts';

const TEST_ID: Record<CasualtyKey, string> = {
  killedCivilian: 'report-killed-civilian',
  killedCombatant: 'report-killed-combatant',
  injuredCivilian: 'report-injured-civilian',
  injuredCombatant: 'report-injured-combatant',
};

/**
 * Killed and injured, civilian and combatant. An empty box says "not known", which is
 * not the same as 0: the two buttons set every box to one or the other at once.
 */
export function CasualtiesSection({ state, set, error }: SectionProps) {
  const { t } = useTranslation();
  const all = (value: string) => set({ casualties: { killedCivilian: value, killedCombatant: value, injuredCivilian: value, injuredCombatant: value } });
  return (
    <Fieldset legend={t('reports.section.casualties')} data-testid="report-section-casualties">
      <Text size="xs" c="dimmed" mb="sm">
        {t('reports.form.casualtiesHelp')}
      </Text>
      <SimpleGrid cols={2} spacing="sm">
        {CASUALTY_KEYS.map((k) => {
          const value = parseCount(state.casualties[k]);
          return (
            <TextInput
              key={k}
              label={t(`reports.casualties.${k}`)}
              inputMode="numeric"
              dir="ltr"
              placeholder={t('reports.casualties.notKnown')}
              value={state.casualties[k]}
              onChange={(e) => set({ casualties: { ...state.casualties, [k]: e.currentTarget.value } })}
              error={error(k)}
              description={value === null ? t('reports.casualties.notKnown') : undefined}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data-testid={TEST_ID[k]}
              data-state={value === null ? 'unknown' : 'known'}
            />
          );
        })}
      </SimpleGrid>
      <Group gap="xs" mt="sm">
        <Button size="xs" variant="light" onClick={() => all('0')} data-testid="report-casualties-none">
          {t('reports.form.noCasualties')}
        </Button>
        <Button size="xs" variant="subtle" color="gray" onClick={() => all('')} data-testid="report-casualties-unknown">
          {t('reports.form.casualtiesUnknown')}
        </Button>
      </Group>
    </Fieldset>
  );
}
