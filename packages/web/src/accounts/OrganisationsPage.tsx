import { useState, type FormEvent } from 'react';
import { NativeSelect, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS } from '@truce/core/model/accounts';
import { patch, post } from '../api/client.ts';
import type { OrgKind } from '../api/types.ts';
import { usePermissions } from '../app/permissions.ts';
import { KindBadge } from '../components/KindBadge.tsx';
import { LabelsFields } from '../components/LabelsFields.tsx';
import { SetupForm } from '../components/SetupForm.tsx';
import { EditCell, SetupListPage, SetupTable } from '../components/SetupListPage.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useFormat } from '../i18n/format.ts';
import { formFieldOf, labelsForm } from '../i18n/vocabulary.ts';
import { VocabularyLabel } from '../i18n/VocabularyLabel.tsx';
import { MissingLanguages } from '../mechanism/MissingLanguages.tsx';
import { ORGANISATIONS, type Organisation, useOrganisations } from './api.ts';

/** The organisations taking part. Everyone reads the list; the secretariat's admins admit and rename. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const permissions = usePermissions();
  const organisations = useOrganisations();

  return (
    <SetupListPage
      title={t('organisations.title')}
      description={t('organisations.description')}
      canEdit={permissions.editOrganisations}
      addLabel={t('organisations.add')}
      editLabel={t('organisations.edit')}
      createTestId="organisation-create"
      items={organisations}
      form={(organisation, done) => <OrganisationForm organisation={organisation} onDone={done} />}
    >
      {(items, edit) => (
        <SetupTable
          testId="organisation-list"
          canEdit={permissions.editOrganisations}
          highlightOnHover
          headers={
            <>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th>{t('fields.shortName')}</Table.Th>
              <Table.Th>{t('fields.kind')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('common.created')}</Table.Th>
            </>
          }
        >
          {items.map((o) => (
            <Table.Tr key={o.id} data-testid="organisation-row">
              <Table.Td dir="auto">
                <VocabularyLabel labels={o.labels} otherwise={o.name} />
                <MissingLanguages labels={o.labels} testId={`organisation-missing-${o.id}`} />
              </Table.Td>
              <Table.Td dir="auto">
                <VocabularyLabel labels={o.shortLabels} otherwise={o.shortName} />
              </Table.Td>
              <Table.Td>
                <KindBadge kind={o.kind} />
              </Table.Td>
              <Table.Td visibleFrom="sm">{fmt.date(o.createdAt)}</Table.Td>
              <EditCell canEdit={permissions.editOrganisations} onClick={() => edit(o)} testId={`organisation-edit-${o.id}`} />
            </Table.Tr>
          ))}
        </SetupTable>
      )}
    </SetupListPage>
  );
}

function OrganisationForm({ organisation, onDone }: { organisation: Organisation | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [labels, setLabels] = useState(labelsForm(organisation?.labels));
  const [shortLabels, setShortLabels] = useState(labelsForm(organisation?.shortLabels));
  const [kind, setKind] = useState<OrgKind>(organisation?.kind ?? 'party');
  const form = useFormProblem({ duplicate_name: { field: 'labels/en', message: t('organisations.duplicateName') } }, formFieldOf);

  const save = useMutation({
    mutationFn: () =>
      organisation
        ? patch<Organisation>(`/api/organisations/${organisation.id}`, { labels, shortLabels, version: organisation.version })
        : post<Organisation>('/api/organisations', { labels, shortLabels, kind }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ORGANISATIONS });
      onDone();
    },
    onError: form.fail,
  });

  const reload = async () => {
    await client.invalidateQueries({ queryKey: ORGANISATIONS });
    onDone();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form.invalid({ 'labels/en': !labels.en.trim() && t('validation.required') })) save.mutate();
  };

  return (
    <SetupForm
      onSubmit={submit}
      problem={form.problem}
      onReload={() => void reload()}
      onCancel={onDone}
      saving={save.isPending}
      submitTestId="organisation-submit"
    >
      <LabelsFields legend={t('fields.name')} value={labels} onChange={setLabels} error={form.error} maxLength={200} testId="organisation-name" />
      <LabelsFields
        legend={t('fields.shortName')}
        value={shortLabels}
        onChange={setShortLabels}
        error={form.error}
        field="shortLabels"
        englishRequired={false}
        maxLength={60}
        testId="organisation-short-name"
      />
      <Text size="xs">{t('organisations.shortNameHelp')}</Text>
      {organisation ? (
        <Text size="sm">
          {t('fields.kind')}: {t(`kinds.${organisation.kind}`)}
        </Text>
      ) : (
        <NativeSelect
          label={t('fields.kind')}
          description={t('organisations.kindHelp')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as OrgKind)}
          data={ORG_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          error={form.error('kind')}
          data-testid="organisation-kind"
        />
      )}
    </SetupForm>
  );
}
