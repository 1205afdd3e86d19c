import { useState } from 'react';
import { Badge, Button, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../app/permissions.ts';
import { useSession } from '../app/session.ts';
import { FormModal } from '../components/FormModal.tsx';
import { Loading } from '../components/Loading.tsx';
import { Ltr } from '../components/Ltr.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { byId, type User, useOrganisations, useUsers } from './api.ts';
import { UserForm } from './UserForm.tsx';
import { shortLabelsOf } from '../i18n/vocabulary.ts';
import { VocabularyLabel } from '../i18n/VocabularyLabel.tsx';
import { TableScroll } from '../components/TableScroll.tsx';

/**
 * Users. The secretariat sees everyone and can filter by organisation; an organisation's
 * admin sees and manages the users of their own organisation.
 */
export function UsersPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { user: me } = useSession();
  const permissions = usePermissions();
  const organisations = useOrganisations();
  const [filter, setFilter] = useState('');
  const scope = permissions.listAllUsers ? filter || undefined : me.organisationId;
  const users = useUsers(scope);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const orgs = byId(organisations.data);

  const canCreate = permissions.can('user.create', me.organisationId);
  const canEdit = (u: User) => permissions.can('user.update', u.organisationId);

  if (!permissions.listUsers) {
    return (
      <Text c="dimmed" data-testid="users-forbidden">
        {t('errors.forbiddenPage')}
      </Text>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={t('users.title')}
        description={permissions.listAllUsers ? t('users.descriptionAll') : t('users.descriptionOwn', { organisation: me.organisationName })}
        actions={
          canCreate && (
            <Button onClick={() => setEditing('new')} data-testid="user-create">
              {t('users.add')}
            </Button>
          )
        }
      />
      {permissions.listAllUsers && (
        <NativeSelect
          label={t('users.filter')}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          data={[{ value: '', label: t('users.allOrganisations') }, ...(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))]}
          maw={420}
          data-testid="user-filter"
        />
      )}
      <ProblemAlert error={users.error} />
      {users.isPending ? (
        <Loading />
      ) : users.data && users.data.length === 0 ? (
        <Text c="dimmed">{t('users.none')}</Text>
      ) : (
        <TableScroll>
          <Table striped highlightOnHover data-testid="user-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.name')}</Table.Th>
                <Table.Th>{t('fields.email')}</Table.Th>
                <Table.Th>{t('fields.organisation')}</Table.Th>
                <Table.Th>{t('fields.role')}</Table.Th>
                <Table.Th>{t('users.status')}</Table.Th>
                <Table.Th visibleFrom="md">{t('common.created')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data?.map((u) => (
                <Table.Tr key={u.id} data-testid="user-row" data-email={u.email}>
                  <Table.Td dir="auto">{u.name}</Table.Td>
                  <Table.Td>
                    <Ltr>{u.email}</Ltr>
                  </Table.Td>
                  <Table.Td>
                    <VocabularyLabel labels={shortLabelsOf(orgs.get(u.organisationId))} otherwise="—" />
                  </Table.Td>
                  <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
                  <Table.Td>
                    <Stack gap={2} align="flex-start">
                      <Badge size="sm" variant="light" color={u.active ? 'teal' : 'gray'}>
                        {u.active ? t('users.active') : t('users.inactive')}
                      </Badge>
                      {u.totpEnabled && (
                        <Badge size="sm" variant="outline" color="blue">
                          {t('users.twoFactor')}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td visibleFrom="md" style={{ whiteSpace: 'nowrap' }}>
                    {fmt.date(u.createdAt)}
                  </Table.Td>
                  <Table.Td>
                    {canEdit(u) && (
                      <Button size="xs" variant="subtle" onClick={() => setEditing(u)} data-testid={`user-edit-${u.id}`}>
                        {t('actions.edit')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('users.add') : t('users.edit')} testId="user-modal">
        {editing !== null && <UserForm user={editing === 'new' ? null : editing} organisations={organisations.data ?? []} onDone={() => setEditing(null)} />}
      </FormModal>
    </Stack>
  );
}
