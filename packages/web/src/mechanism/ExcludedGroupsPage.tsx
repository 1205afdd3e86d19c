import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExcludedGroup } from '../api/types.ts';
import { usePermissions } from '../app/permissions.ts';
import { FormModal } from '../components/FormModal.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useCollection, useReloadCollection, useSaveItem } from './api.ts';

/** Groups outside the ceasefire, with the other names they go by (in any script). */
export function ExcludedGroupsPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const groups = useCollection<ExcludedGroup>('excluded-groups');
  const [editing, setEditing] = useState<ExcludedGroup | 'new' | null>(null);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('excluded.title')}
        description={t('excluded.description')}
        actions={
          permissions.editSetup && (
            <Button onClick={() => setEditing('new')} data-testid="excluded-create">
              {t('excluded.add')}
            </Button>
          )
        }
      />
      <ProblemAlert error={groups.error} />
      {groups.isPending ? (
        <Loading />
      ) : groups.data?.length === 0 ? (
        <Text c="dimmed">{t('excluded.none')}</Text>
      ) : (
        <div className="truce-table-scroll">
          <Table striped data-testid="excluded-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.name')}</Table.Th>
                <Table.Th>{t('excluded.aliases')}</Table.Th>
                <Table.Th>{t('excluded.note')}</Table.Th>
                {permissions.editSetup && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.data?.map((g) => (
                <Table.Tr key={g.id} data-testid="excluded-row">
                  <Table.Td dir="auto">{g.name}</Table.Td>
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
                  {permissions.editSetup && (
                    <Table.Td>
                      <Button size="xs" variant="subtle" onClick={() => setEditing(g)} data-testid={`excluded-edit-${g.id}`}>
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
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('excluded.add') : t('excluded.edit')}>
        {editing !== null && <ExcludedGroupForm group={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </FormModal>
    </Stack>
  );
}

/** Aliases are typed one per line: easy on a phone and in any script. */
export function parseAliases(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((a) => a.trim()).filter(Boolean))];
}

function ExcludedGroupForm({ group, onDone }: { group: ExcludedGroup | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(group?.name ?? '');
  const [aliases, setAliases] = useState((group?.aliases ?? []).join('\n'));
  const [note, setNote] = useState(group?.note ?? '');
  const form = useFormProblem();
  const save = useSaveItem<ExcludedGroup>('excluded-groups', group, onDone);
  const reload = useReloadCollection('excluded-groups');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.invalid({ name: !name.trim() && t('validation.required') })) return;
    save.mutate({ name: name.trim(), aliases: parseAliases(aliases), note }, { onError: form.fail });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ProblemAlert
          error={form.problem}
          onReload={() => {
            void reload();
            onDone();
          }}
        />
        <TextInput label={t('fields.name')} required dir="auto" value={name} onChange={(e) => setName(e.currentTarget.value)} error={form.error('name')} data-testid="excluded-name" />
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
        <Textarea label={t('excluded.note')} autosize minRows={2} dir="auto" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={form.error('note')} data-testid="excluded-note" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="excluded-submit">
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
