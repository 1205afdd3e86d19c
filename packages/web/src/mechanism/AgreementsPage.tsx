import { useState, type FormEvent } from 'react';
import { Badge, Button, Card, Checkbox, Group, SimpleGrid, Spoiler, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Agreement, Organisation } from '../api/types.ts';
import { byId, useOrganisations } from '../admin/api.ts';
import { usePermissions } from '../app/permissions.ts';
import { FormModal } from '../components/FormModal.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useFormat } from '../i18n/format.ts';
import { useCollection, useReloadCollection, useSaveItem } from './api.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The agreements the mechanism monitors: terms, dates and who signed. */
export function AgreementsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const permissions = usePermissions();
  const agreements = useCollection<Agreement>('agreements');
  const organisations = useOrganisations();
  const orgs = byId(organisations.data);
  const [editing, setEditing] = useState<Agreement | 'new' | null>(null);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('agreements.title')}
        description={t('agreements.description')}
        actions={
          permissions.editSetup && (
            <Button onClick={() => setEditing('new')} data-testid="agreement-create">
              {t('agreements.add')}
            </Button>
          )
        }
      />
      <ProblemAlert error={agreements.error} />
      {agreements.isPending ? (
        <Loading />
      ) : agreements.data?.length === 0 ? (
        <Text c="dimmed">{t('agreements.none')}</Text>
      ) : (
        <Stack gap="md" data-testid="agreement-list">
          {agreements.data?.map((a) => (
            <Card key={a.id} withBorder padding="md" data-testid="agreement-row">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                <Title order={3} size="h4" style={{ minWidth: 0 }}>
                  {a.title}
                </Title>
                {permissions.editSetup && (
                  <Button size="xs" variant="subtle" onClick={() => setEditing(a)} data-testid={`agreement-edit-${a.id}`}>
                    {t('actions.edit')}
                  </Button>
                )}
              </Group>
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" mt="xs">
                <Text size="sm">
                  <Text span c="dimmed" size="sm">
                    {t('agreements.signedOn')}:
                  </Text>{' '}
                  {fmt.date(a.signedOn)}
                </Text>
                <Text size="sm">
                  <Text span c="dimmed" size="sm">
                    {t('agreements.effectiveFrom')}:
                  </Text>{' '}
                  {fmt.date(a.effectiveFrom)}
                </Text>
                <Text size="sm">
                  <Text span c="dimmed" size="sm">
                    {t('agreements.effectiveTo')}:
                  </Text>{' '}
                  {a.effectiveTo ? fmt.date(a.effectiveTo) : t('agreements.openEnded')}
                </Text>
              </SimpleGrid>
              {a.signatoryIds.length > 0 && (
                <Group gap={4} mt="xs">
                  <Text size="sm" c="dimmed">
                    {t('agreements.signatories')}:
                  </Text>
                  {a.signatoryIds.map((id) => (
                    <Badge key={id} variant="light" size="sm" color={orgs.get(id)?.kind === 'guarantor' ? 'grape' : 'orange'}>
                      {orgs.get(id)?.shortName ?? id.slice(0, 8)}
                    </Badge>
                  ))}
                </Group>
              )}
              {a.terms && (
                <Spoiler maxHeight={72} showLabel={t('actions.showMore')} hideLabel={t('actions.showLess')} mt="sm">
                  <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
                    {a.terms}
                  </Text>
                </Spoiler>
              )}
            </Card>
          ))}
        </Stack>
      )}
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('agreements.add') : t('agreements.edit')}>
        {editing !== null && <AgreementForm agreement={editing === 'new' ? null : editing} organisations={organisations.data ?? []} onDone={() => setEditing(null)} />}
      </FormModal>
    </Stack>
  );
}

function AgreementForm({ agreement, organisations, onDone }: { agreement: Agreement | null; organisations: Organisation[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(agreement?.title ?? '');
  const [terms, setTerms] = useState(agreement?.terms ?? '');
  const [signedOn, setSignedOn] = useState(agreement?.signedOn ?? '');
  const [effectiveFrom, setEffectiveFrom] = useState(agreement?.effectiveFrom ?? '');
  const [effectiveTo, setEffectiveTo] = useState(agreement?.effectiveTo ?? '');
  const [signatoryIds, setSignatoryIds] = useState<string[]>(agreement?.signatoryIds ?? []);
  const form = useFormProblem();
  const save = useSaveItem<Agreement>('agreements', agreement, onDone);
  const reload = useReloadCollection('agreements');
  const signatories = organisations.filter((o) => o.kind === 'party' || o.kind === 'guarantor');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = t('validation.required');
    const bad = form.invalid({
      title: !title.trim() && required,
      signedOn: !DAY.test(signedOn) && t('validation.date'),
      effectiveFrom: !DAY.test(effectiveFrom) && t('validation.date'),
      effectiveTo: (effectiveTo && !DAY.test(effectiveTo) && t('validation.date')) || (effectiveTo && effectiveTo < effectiveFrom && t('agreements.endBeforeStart')),
    });
    if (bad) return;
    save.mutate(
      { title: title.trim(), terms, signedOn, effectiveFrom, effectiveTo: effectiveTo || null, signatoryIds },
      { onError: form.fail },
    );
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
        <TextInput label={t('agreements.titleField')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={form.error('title')} data-testid="agreement-title" />
        <Textarea
          label={t('agreements.terms')}
          description={t('agreements.termsHelp')}
          autosize
          minRows={4}
          maxRows={14}
          dir="auto"
          value={terms}
          onChange={(e) => setTerms(e.currentTarget.value)}
          error={form.error('terms')}
          data-testid="agreement-terms"
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <TextInput type="date" label={t('agreements.signedOn')} required value={signedOn} onChange={(e) => setSignedOn(e.currentTarget.value)} error={form.error('signedOn')} data-testid="agreement-signed-on" />
          <TextInput
            type="date"
            label={t('agreements.effectiveFrom')}
            required
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.currentTarget.value)}
            error={form.error('effectiveFrom')}
            data-testid="agreement-effective-from"
          />
          <TextInput
            type="date"
            label={t('agreements.effectiveTo')}
            description={t('agreements.effectiveToHelp')}
            value={effectiveTo}
            onChange={(e) => setEffectiveTo(e.currentTarget.value)}
            error={form.error('effectiveTo')}
            data-testid="agreement-effective-to"
          />
        </SimpleGrid>
        <Checkbox.Group label={t('agreements.signatories')} description={t('agreements.signatoriesHelp')} value={signatoryIds} onChange={setSignatoryIds} error={form.error('signatoryIds')}>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={6} mt="xs">
            {signatories.map((o) => (
              <Checkbox key={o.id} value={o.id} label={`${o.name} (${t(`kinds.${o.kind}`)})`} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="agreement-submit">
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
