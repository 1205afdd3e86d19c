import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Group, NativeSelect, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { Pager } from '../components/Pager.tsx';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PERSON_STATUSES, isPersonStatus } from '@truce/core/detainees/status';
import { FormModal } from '../components/FormModal.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { useList, useLists, usePersons } from './api.ts';
import { KindBadge } from './Badges.tsx';
import { useDetaineeText } from './labels.ts';
import { PersonForm } from './PersonForm.tsx';
import { PersonsTable } from './PersonsTable.tsx';
import { downloadText, templateCsv, TEMPLATE_FILE } from './template.ts';
import { VersionsTable } from './VersionsTable.tsx';

const PAGE = 50;

/** What the upload page says when it brings the user back. */
export interface ListPageState {
  saved?: { version: number; added: number; removed: number; changed: number };
}

/**
 * /detainees/lists/:id: a list's persons (search, status filter, pages; cards on a phone)
 * and its versions. The party that keeps the list uploads a new version or adds a person
 * here. The search, filter, page and tab live in the address.
 */
export function ListPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const fmt = useFormat();
  const text = useDetaineeText();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const list = useList(id);
  const lists = useLists();
  const summary = lists.data?.find((l) => l.id === id);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState((location.state as ListPageState | null)?.saved ?? null);

  const tab = params.get('tab') === 'versions' ? 'versions' : 'persons';
  const statusParam = params.get('status') ?? '';
  const status = isPersonStatus(statusParam) ? statusParam : '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 300);
  const persons = usePersons(id, { q: debounced, status, limit: PAGE, offset: (page - 1) * PAGE }, tab === 'persons');

  const setParam = (key: string, value: string, resetPage = true) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        if (resetPage && key !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );

  // The search box writes to the address once the typing pauses.
  useEffect(() => {
    if ((params.get('q') ?? '') !== debounced.trim()) setParam('q', debounced.trim());
  }, [debounced]);

  if (list.isPending) return <Loading />;
  if (!list.data) {
    return (
      <Stack gap="md">
        <ProblemAlert error={list.error} />
        <Anchor component={Link} to="/detainees">
          {t('detainees.lists.back')}
        </Anchor>
      </Stack>
    );
  }
  const l = list.data;
  const total = persons.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const partyName = summary?.partyName ?? '';

  return (
    <Stack gap="md" data-testid="detainee-list" data-kind={l.kind} data-version={l.version}>
      <Anchor component={Link} to="/detainees" size="sm">
        {t('detainees.lists.back')}
      </Anchor>
      <PageHeader
        title={t(l.kind === 'held' ? 'detainees.list.titleHeld' : 'detainees.list.titleSought', { party: partyName })}
        description={
          <Group gap="xs" component="span">
            <KindBadge kind={l.kind} />
            <span>
              {l.version === 0
                ? t('detainees.lists.empty')
                : t('detainees.lists.versionCount', { version: fmt.number(l.version), n: fmt.number(l.personCount) })}
            </span>
          </Group>
        }
        actions={
          l.canWrite && (
            <>
              <Button component={Link} to={`/detainees/lists/${l.id}/upload`} data-testid="detainee-upload">
                {t('detainees.list.upload')}
              </Button>
              <Button variant="light" onClick={() => setAdding(true)} data-testid="detainee-add-person">
                {t('detainees.list.addPerson')}
              </Button>
              <Button variant="default" onClick={() => downloadText(TEMPLATE_FILE, templateCsv())} data-testid="detainee-template">
                {t('detainees.upload.template')}
              </Button>
            </>
          )
        }
      />
      {saved && (
        <Alert color="teal" withCloseButton onClose={() => setSaved(null)} data-testid="detainee-saved">
          {t('detainees.list.saved', {
            version: fmt.number(saved.version),
            added: fmt.number(saved.added),
            removed: fmt.number(saved.removed),
            changed: fmt.number(saved.changed),
          })}
        </Alert>
      )}
      <Tabs value={tab} onChange={(v) => setParam('tab', v === 'versions' ? 'versions' : '', false)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="persons" data-testid="detainee-tab-persons">
            {t('detainees.list.persons')}
          </Tabs.Tab>
          <Tabs.Tab value="versions" data-testid="detainee-tab-versions">
            {t('detainees.list.versions')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="persons" pt="md">
          <Stack gap="sm">
            <Group gap="sm" align="flex-end" wrap="wrap">
              <TextInput
                type="search"
                label={t('detainees.list.search')}
                placeholder={t('detainees.list.searchPlaceholder')}
                value={q}
                onChange={(e) => setQ(e.currentTarget.value)}
                dir="auto"
                maxLength={100}
                style={{ flex: '1 1 14rem' }}
                data-testid="detainee-search"
              />
              <NativeSelect
                label={t('detainees.person.status')}
                value={status}
                onChange={(e) => setParam('status', e.currentTarget.value)}
                data={[{ value: '', label: t('detainees.list.anyStatus') }, ...PERSON_STATUSES.map((s) => ({ value: s, label: text.status(s) }))]}
                style={{ flex: '0 1 12rem' }}
                data-testid="detainee-status-filter"
              />
            </Group>
            <ProblemAlert error={persons.error} />
            {persons.isPending ? (
              <Loading />
            ) : total === 0 ? (
              <Text c="dimmed" data-testid="detainee-persons-none">
                {debounced || status ? t('detainees.list.noneFiltered') : t('detainees.list.nonePersons')}
              </Text>
            ) : (
              <>
                <Text size="sm" c="dimmed" data-testid="detainee-persons-total">
                  {t('detainees.list.showing', {
                    from: fmt.number((page - 1) * PAGE + 1),
                    to: fmt.number(Math.min(total, page * PAGE)),
                    total: fmt.number(total),
                  })}
                </Text>
                <PersonsTable listId={l.id} persons={persons.data!.persons} />
                {pages > 1 && (
                  <Group justify="center">
                    <Pager
                      total={pages}
                      value={Math.min(page, pages)}
                      onChange={(p) => setParam('page', p > 1 ? String(p) : '', false)}
                      size="sm"
                      siblings={1}
                      data-testid="detainee-pages"
                    />
                  </Group>
                )}
              </>
            )}
            <Text size="xs" c="dimmed">
              {t('detainees.lists.viewsRecorded')}
            </Text>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          <VersionsTable listId={l.id} versions={l.versions} />
        </Tabs.Panel>
      </Tabs>
      <FormModal opened={adding} onClose={() => setAdding(false)} title={t('detainees.list.addPerson')} testId="person-add-dialog">
        {adding && (
          <PersonForm
            listId={l.id}
            listVersion={l.version}
            person={null}
            onCancel={() => setAdding(false)}
            onDone={(ref) => {
              setAdding(false);
              navigate(`/detainees/lists/${l.id}/persons/${encodeURIComponent(ref)}`);
            }}
          />
        )}
      </FormModal>
    </Stack>
  );
}
