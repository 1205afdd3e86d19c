import { useState, type FormEvent } from 'react';
import { Badge, NativeSelect, SimpleGrid, Switch, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ACLED_EVENT_TYPES, type AcledEventType, type ViolationType } from '../api/types.ts';
import { usePermissions } from '../app/permissions.ts';
import { LabelsFields } from '../components/LabelsFields.tsx';
import { Ltr } from '../components/Ltr.tsx';
import { SetupForm } from '../components/SetupForm.tsx';
import { EditCell, SetupListPage, SetupTable } from '../components/SetupListPage.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { formFieldOf, labelsForm } from '../i18n/vocabulary.ts';
import { VocabularyLabel } from '../i18n/VocabularyLabel.tsx';
import { MissingLanguages } from './MissingLanguages.tsx';
import { useCollection, useReloadCollection, useSaveItem } from './api.ts';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The violation taxonomy, each type mapped onto ACLED's event and sub-event types. */
export function TaxonomyPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const types = useCollection<ViolationType>('taxonomy');

  return (
    <SetupListPage
      title={t('taxonomy.title')}
      description={t('taxonomy.description')}
      canEdit={permissions.editSetup}
      addLabel={t('taxonomy.add')}
      editLabel={t('taxonomy.edit')}
      createTestId="taxonomy-create"
      items={types}
      form={(type, done) => <ViolationTypeForm type={type} onDone={done} />}
    >
      {(items, edit) => (
        <SetupTable
          testId="taxonomy-list"
          canEdit={permissions.editSetup}
          headers={
            <>
              <Table.Th>{t('taxonomy.label')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('taxonomy.code')}</Table.Th>
              <Table.Th>{t('taxonomy.acled')}</Table.Th>
              <Table.Th>{t('taxonomy.state')}</Table.Th>
            </>
          }
        >
          {items.map((v) => (
            // A retired type is greyed behind, not faded: faded text would fall under 4.5:1.
            <Table.Tr key={v.id} data-testid="taxonomy-row" bg={v.active ? undefined : 'gray.1'}>
              <Table.Td>
                <Text size="sm" fw={500} dir="auto">
                  <VocabularyLabel labels={v.labels} otherwise={v.label} />
                </Text>
                <Text size="xs" c="dimmed" dir="auto">
                  {v.description}
                </Text>
                <MissingLanguages labels={v.labels} testId={`taxonomy-missing-${v.code}`} />
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Ltr mono>{v.code}</Ltr>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  <Ltr>{v.acledEventType}</Ltr>
                </Text>
                <Text size="xs" c="dimmed">
                  <Ltr>{v.acledSubEventType}</Ltr>
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={v.active ? 'teal' : 'gray'}>
                  {v.active ? t('taxonomy.active') : t('taxonomy.inactive')}
                </Badge>
              </Table.Td>
              <EditCell canEdit={permissions.editSetup} onClick={() => edit(v)} testId={`taxonomy-edit-${v.code}`} />
            </Table.Tr>
          ))}
        </SetupTable>
      )}
    </SetupListPage>
  );
}

function ViolationTypeForm({ type, onDone }: { type: ViolationType | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(type?.code ?? '');
  const [labels, setLabels] = useState(labelsForm(type?.labels ?? (type ? { en: type.label } : null)));
  const [description, setDescription] = useState(type?.description ?? '');
  const [acledEventType, setAcledEventType] = useState<AcledEventType>(type?.acledEventType ?? 'Battles');
  const [acledSubEventType, setAcledSubEventType] = useState(type?.acledSubEventType ?? '');
  const [active, setActive] = useState(type?.active ?? true);
  const form = useFormProblem({ duplicate_code: { field: 'code', message: t('taxonomy.duplicateCode') } }, formFieldOf);
  const save = useSaveItem<ViolationType>('taxonomy', type, onDone);
  const reload = useReloadCollection('taxonomy', onDone);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = t('validation.required');
    const bad = form.invalid({
      code: (!code && required) || (!CODE.test(code) && t('taxonomy.codeRule')),
      'labels/en': !labels.en.trim() && required,
      acledSubEventType: !acledSubEventType.trim() && required,
    });
    if (bad) return;
    save.mutate({ code, labels, description, acledEventType, acledSubEventType: acledSubEventType.trim(), active }, { onError: form.fail });
  };

  return (
    <SetupForm onSubmit={submit} problem={form.problem} onReload={reload} onCancel={onDone} saving={save.isPending} submitTestId="taxonomy-submit">
      <LabelsFields legend={t('taxonomy.label')} value={labels} onChange={setLabels} error={form.error} maxLength={200} testId="taxonomy-label" />
      <TextInput
        label={t('taxonomy.code')}
        description={t('taxonomy.codeRule')}
        required
        dir="ltr"
        value={code}
        onChange={(e) => setCode(e.currentTarget.value.toLowerCase())}
        error={form.error('code')}
        data-testid="taxonomy-code"
      />
      <Textarea
        label={t('taxonomy.descriptionField')}
        autosize
        minRows={2}
        dir="auto"
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={form.error('description')}
        data-testid="taxonomy-description"
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <NativeSelect
          label={t('taxonomy.acledEvent')}
          value={acledEventType}
          onChange={(e) => setAcledEventType(e.currentTarget.value as AcledEventType)}
          data={[...ACLED_EVENT_TYPES]}
          error={form.error('acledEventType')}
          dir="ltr"
          data-testid="taxonomy-acled-event"
        />
        <TextInput
          label={t('taxonomy.acledSubEvent')}
          required
          dir="ltr"
          value={acledSubEventType}
          onChange={(e) => setAcledSubEventType(e.currentTarget.value)}
          error={form.error('acledSubEventType')}
          data-testid="taxonomy-acled-sub-event"
        />
      </SimpleGrid>
      <Switch
        label={t('taxonomy.activeLabel')}
        description={t('taxonomy.activeHelp')}
        checked={active}
        onChange={(e) => setActive(e.currentTarget.checked)}
        data-testid="taxonomy-active"
      />
    </SetupForm>
  );
}
