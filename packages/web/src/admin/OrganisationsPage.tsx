import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS } from '@truce/core/model/accounts';
import { patch, post } from '../api/client.ts';
import type { Organisation, OrgKind } from '../api/types.ts';
import { usePermissions } from '../app/permissions.ts';
import { FormModal } from '../components/FormModal.tsx';
import { KindBadge } from '../components/KindBadge.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useFormat } from '../i18n/format.ts';
import { ORGANISATIONS, useOrganisations } from './api.ts';

/** The organisations taking part. Everyone reads the list; the secretariat's admins admit and rename. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const permissions = usePermissions();
  const organisations = useOrganisations();
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('organisations.title')}
        description={t('organisations.description')}
        actions={
          permissions.editOrganisations && (
            <Button onClick={() => setEditing('new')} data-testid="organisation-create">
              {t('organisations.add')}
            </Button>
          )
        }
      />
      <ProblemAlert error={organisations.error} />
      {organisations.isPending ? (
        <Loading />
      ) : (
        <div className="truce-table-scroll">
          <Table striped highlightOnHover data-testid="organisation-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.name')}</Table.Th>
                <Table.Th>{t('fields.shortName')}</Table.Th>
                <Table.Th>{t('fields.kind')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('common.created')}</Table.Th>
                {permissions.editOrganisations && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {organisations.data?.map((o) => (
                <Table.Tr key={o.id} data-testid="organisation-row">
                  <Table.Td dir="auto">{o.name}</Table.Td>
                  <Table.Td dir="auto">{o.shortName}</Table.Td>
                  <Table.Td>
                    <KindBadge kind={o.kind} />
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{fmt.date(o.createdAt)}</Table.Td>
                  {permissions.editOrganisations && (
                    <Table.Td>
                      <Button size="xs" variant="subtle" onClick={() => setEditing(o)} data-testid={`organisation-edit-${o.id}`}>
                        {t('actions.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('organisations.add') : t('organisations.edit')}>
        {editing !== null && <OrganisationForm organisation={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </FormModal>
    </Stack>
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
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={form.problem} onReload={() => void reload()} />
        <TextInput label={t('fields.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={form.error('name')} data-testid="organisation-name" />
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="organisation-submit">
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
