import { useState, type FormEvent } from 'react';
import { Badge, Group, Table, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExcludedGroup } from '../api/types.ts';
import { usePermissions } from '../app/permissions.ts';
import { LabelsFields } from '../components/LabelsFields.tsx';
import { SetupForm } from '../components/SetupForm.tsx';
import { EditCell, SetupListPage, SetupTable } from '../components/SetupListPage.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { formFieldOf, labelsForm } from '../i18n/vocabulary.ts';
import { VocabularyLabel } from '../i18n/VocabularyLabel.tsx';
import { MissingLanguages } from './MissingLanguages.tsx';
import { useCollection, useReloadCollection, useSaveItem } from './api.ts';

/** Groups outside the ceasefire, with the other names they go by (in any script). */
export function ExcludedGroupsPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const groups = useCollection<ExcludedGroup>('excluded-groups');

  return (
    <SetupListPage
      title={t('excluded.title')}
      description={t('excluded.description')}
      canEdit={permissions.editSetup}
      addLabel={t('excluded.add')}
      editLabel={t('excluded.edit')}
      createTestId="excluded-create"
      items={groups}
      empty={t('excluded.none')}
      form={(group, done) => <ExcludedGroupForm group={group} onDone={done} />}
    >
      {(items, edit) => (
        <SetupTable
          testId="excluded-list"
          canEdit={permissions.editSetup}
          headers={
            <>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th>{t('excluded.aliases')}</Table.Th>
              <Table.Th>{t('excluded.note')}</Table.Th>
            </>
          }
        >
          {items.map((g) => (
            <Table.Tr key={g.id} data-testid="excluded-row">
              <Table.Td dir="auto">
                <VocabularyLabel labels={g.labels} otherwise={g.name} />
                <MissingLanguages labels={g.labels} />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {g.aliases.map((a) => (
                    <Badge key={a} variant="outline" color="gray" size="sm" tt="none" dir="auto">
                      {a}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
                {g.note}
              </Table.Td>
              <EditCell canEdit={permissions.editSetup} onClick={() => edit(g)} testId={`excluded-edit-${g.id}`} />
            </Table.Tr>
          ))}
        </SetupTable>
      )}
    </SetupListPage>
  );
}

/** Aliases are typed one per line: easy on a phone and in any script. */
export function parseAliases(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  ];
}

function ExcludedGroupForm({ group, onDone }: { group: ExcludedGroup | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [labels, setLabels] = useState(labelsForm(group?.labels ?? (group ? { en: group.name } : null)));
  const [aliases, setAliases] = useState((group?.aliases ?? []).join('\n'));
  const [note, setNote] = useState(group?.note ?? '');
  const form = useFormProblem({}, formFieldOf);
  const save = useSaveItem<ExcludedGroup>('excluded-groups', group, onDone);
  const reload = useReloadCollection('excluded-groups', onDone);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.invalid({ 'labels/en': !labels.en.trim() && t('validation.required') })) return;
    save.mutate({ labels, aliases: parseAliases(aliases), note }, { onError: form.fail });
  };

  return (
    <SetupForm onSubmit={submit} problem={form.problem} onReload={reload} onCancel={onDone} saving={save.isPending} submitTestId="excluded-submit">
      <LabelsFields legend={t('fields.name')} value={labels} onChange={setLabels} error={form.error} maxLength={300} testId="excluded-name" />
      <Textarea
        label={t('excluded.aliases')}
        description={t('excluded.aliasesHelp')}
        autosize
        minRows={3}
        dir="auto"
        value={aliases}
        onChange={(e) => setAliases(e.currentTarget.value)}
        error={form.error('aliases')}
        data-testid="excluded-aliases"
      />
      <Textarea
        label={t('excluded.note')}
        autosize
        minRows={2}
        dir="auto"
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={form.error('note')}
        data-testid="excluded-note"
      />
    </SetupForm>
  );
}
