import { useState, type FormEvent } from 'react';
import { NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS } from '@truce/core/model/accounts';
import { patch, post } from '../api/client.ts';
import type { OrgKind } from '../api/types.ts';
import { usePermissions } from '../app/permissions.ts';
import { KindBadge } from '../components/KindBadge.tsx';
import { SetupForm } from '../components/SetupForm.tsx';
import { EditCell, SetupListPage, SetupTable } from '../components/SetupListPage.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useFormat } from '../i18n/format.ts';
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
              <Table.Td dir="auto">{o.name}</Table.Td>
              <Table.Td dir="auto">{o.shortName}</Table.Td>
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
  const [name, setName] = useState(organisation?.name ?? '');
  const [shortName, setShortName] = useState(organisation?.shortName ?? '');
  const [kind, setKind] = useState<OrgKind>(organisation?.kind ?? 'party');
  const form = useFormProblem({ duplicate_name: { field: 'name', message: t('organisations.duplicateName') } });

  const save = useMutation({
    mutationFn: () =>
      organisation
        ? patch<Organisation>(`/api/organisations/${organisation.id}`, { name: name.trim(), shortName: shortName.trim(), version: organisation.version })
        : post<Organisation>('/api/organisations', { name: name.trim(), ...(shortName.trim() ? { shortName: shortName.trim() } : {}), kind }),
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
    if (!form.invalid({ name: !name.trim() && t('validation.required') })) save.mutate();
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
      <TextInput
        label={t('fields.name')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={form.error('name')}
        data-testid="organisation-name"
      />
      <TextInput
        label={t('fields.shortName')}
        description={t('organisations.shortNameHelp')}
        value={shortName}
        onChange={(e) => setShortName(e.currentTarget.value)}
        error={form.error('shortName')}
        data-testid="organisation-short-name"
      />
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
