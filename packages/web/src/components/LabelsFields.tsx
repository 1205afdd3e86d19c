import { Badge, Fieldset, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/languages.ts';
import type { LabelLanguage } from '../i18n/vocabulary.ts';

interface LabelsFieldsProps {
  legend: string;
  value: Record<LabelLanguage, string>;
  onChange: (value: Record<LabelLanguage, string>) => void;
  /** The form's error for a language's field, by its name (e.g. "labels/ar"). */
  error: (field: string) => string | undefined;
  /** The request's field the labels go in: labels, or shortLabels for short names. */
  field?: 'labels' | 'shortLabels';
  /** Whether English is required (a short name's English defaults to the name). */
  englishRequired?: boolean;
  maxLength: number;
  testId: string;
}

/**
 * A set-up item's label in the five interface languages, each typed in its own direction;
 * an empty one is marked "not translated" (readers of that language get the English one).
 */
export function LabelsFields({ legend, value, onChange, error, field = 'labels', englishRequired = true, maxLength, testId }: LabelsFieldsProps) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={legend} variant="unstyled" data-testid={testId}>
      <Text size="xs" mb={4}>
        {t('vocabulary.labelsHelp')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={4}>
        {LANGUAGES.map((l) => {
          const missing = !value[l.code].trim();
          return (
            <TextInput
              key={l.code}
              label={
                <>
                  <span lang={l.code}>{l.name}</span>{' '}
                  {missing && (
                    <Badge size="xs" variant="outline" color="orange.9" tt="none" data-testid={`${testId}-missing-${l.code}`}>
                      {t('vocabulary.missing')}
                    </Badge>
                  )}
                </>
              }
              required={l.code === 'en' && englishRequired}
              lang={l.code}
              dir={l.dir}
              maxLength={maxLength}
              value={value[l.code]}
              onChange={(e) => onChange({ ...value, [l.code]: e.currentTarget.value })}
              error={error(`${field}/${l.code}`)}
              data-testid={`${testId}-${l.code}`}
            />
          );
        })}
      </SimpleGrid>
    </Fieldset>
  );
}
