import { useState, type ReactNode } from 'react';
import { Button, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormModal } from './FormModal.tsx';
import { Loading } from './Loading.tsx';
import { PageHeader } from './PageHeader.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import { TableScroll } from './TableScroll.tsx';

interface SetupListPageProps<T> {
  title: string;
  description: string;
  /** Whether the reader may add and edit: without it the page is read-only. */
  canEdit: boolean;
  addLabel: string;
  editLabel: string;
  createTestId: string;
  /** The query holding the items. */
  items: { data?: T[]; error: unknown; isPending: boolean };
  /** Shown instead of the list when there are no items; without it the empty list itself is shown. */
  empty?: string;
  /** The items as a table or cards; `edit` opens the form on one of them. */
  children: (items: T[], edit: (item: T) => void) => ReactNode;
  /** The form in the dialog, for a new item (null) or one being edited; `done` closes it. */
  form: (item: T | null, done: () => void) => ReactNode;
}

/** The frame shared by the set-up lists: header with an add button, loading and problem states, and the edit dialog. */
export function SetupListPage<T>({ title, description, canEdit, addLabel, editLabel, createTestId, items, empty, children, form }: SetupListPageProps<T>) {
  // Wrapped so that "nothing open" (null) and "adding a new item" ({ item: null }) stay distinct.
  const [editing, setEditing] = useState<{ item: T | null } | null>(null);
  const close = () => setEditing(null);

  return (
    <Stack gap="md">
      <PageHeader
        title={title}
        description={description}
        actions={
          canEdit && (
            <Button onClick={() => setEditing({ item: null })} data-testid={createTestId}>
              {addLabel}
            </Button>
          )
        }
      />
      <ProblemAlert error={items.error} />
      {items.isPending ? (
        <Loading />
      ) : empty !== undefined && items.data?.length === 0 ? (
        <Text c="dimmed">{empty}</Text>
      ) : (
        children(items.data ?? [], (item) => setEditing({ item }))
      )}
      <FormModal opened={editing !== null} onClose={close} title={editing?.item === null ? addLabel : editLabel}>
        {editing !== null && form(editing.item, close)}
      </FormModal>
    </Stack>
  );
}

/** A striped, scrollable table of set-up items, with an empty last column for the edit buttons when the reader may edit. */
export function SetupTable({
  testId,
  headers,
  canEdit,
  highlightOnHover,
  children,
}: {
  testId: string;
  headers: ReactNode;
  canEdit: boolean;
  highlightOnHover?: boolean;
  children: ReactNode;
}) {
  return (
    <TableScroll>
      <Table striped highlightOnHover={highlightOnHover} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {headers}
            {canEdit && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export function EditButton({ onClick, testId }: { onClick: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Button size="xs" variant="subtle" onClick={onClick} data-testid={testId}>
      {t('actions.edit')}
    </Button>
  );
}

/** The last cell of a SetupTable row: the edit button, or nothing for readers who may not edit. */
export function EditCell({ canEdit, onClick, testId }: { canEdit: boolean; onClick: () => void; testId: string }) {
  if (!canEdit) return null;
  return (
    <Table.Td>
      <EditButton onClick={onClick} testId={testId} />
    </Table.Td>
  );
}
