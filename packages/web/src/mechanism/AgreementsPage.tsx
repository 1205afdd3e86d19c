import { useState, type FormEvent } from 'react';
import { Badge, Card, Checkbox, Group, SimpleGrid, Spoiler, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Agreement, Organisation } from '../api/types.ts';
import { byId, useOrganisations } from '../accounts/api.ts';
import { usePermissions } from '../app/permissions.ts';
import { SetupForm } from '../components/SetupForm.tsx';
import { EditButton, SetupListPage } from '../components/SetupListPage.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { useFormat } from '../i18n/format.ts';
import { useCollection, useReloadCollection, useSaveItem } from './api.ts';
import { shortLabelsOf } from '../i18n/vocabulary.ts';
import { VocabularyLabel } from '../i18n/VocabularyLabel.tsx';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One of an agreement's dates, after its dimmed label. */
function DatedTerm({ label, value }: { label: string; value: string }) {
  return (
    <Text size="sm">
      <Text span c="dimmed" size="sm">
        {label}:
      </Text>{' '}
      {value}
    </Text>
  );
}

/** The agreements the mechanism monitors: terms, dates and who signed. */
export function AgreementsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const permissions = usePermissions();
  const agreements = useCollection<Agreement>('agreements');
  const organisations = useOrganisations();
  const orgs = byId(organisations.data);

  return (
    <SetupListPage
      title={t('agreements.title')}
      description={t('agreements.description')}
      canEdit={permissions.editSetup}
      addLabel={t('agreements.add')}
      editLabel={t('agreements.edit')}
      createTestId="agreement-create"
      items={agreements}
      empty={t('agreements.none')}
      form={(agreement, done) => <AgreementForm agreement={agreement} organisations={organisations.data ?? []} onDone={done} />}
    >
      {(items, edit) => (
        <Stack gap="md" data-testid="agreement-list">
          {items.map((a) => (
            <Card key={a.id} withBorder padding="md" data-testid="agreement-row">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
                <Title order={3} size="h4" style={{ minWidth: 0 }}>
                  {a.title}
                </Title>
                {permissions.editSetup && <EditButton onClick={() => edit(a)} testId={`agreement-edit-${a.id}`} />}
              </Group>
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" mt="xs">
                <DatedTerm label={t('agreements.signedOn')} value={fmt.date(a.signedOn)} />
                <DatedTerm label={t('agreements.effectiveFrom')} value={fmt.date(a.effectiveFrom)} />
                <DatedTerm label={t('agreements.effectiveTo')} value={a.effectiveTo ? fmt.date(a.effectiveTo) : t('agreements.openEnded')} />
              </SimpleGrid>
              {a.signatoryIds.length > 0 && (
                <Group gap={4} mt="xs">
                  <Text size="sm" c="dimmed">
                    {t('agreements.signatories')}:
                  </Text>
                  {a.signatoryIds.map((id) => (
                    <Badge key={id} variant="light" size="sm" color={orgs.get(id)?.kind === 'guarantor' ? 'grape' : 'orange'}>
                      <VocabularyLabel labels={shortLabelsOf(orgs.get(id))} otherwise={id.slice(0, 8)} />
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
    </SetupListPage>
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
  const reload = useReloadCollection('agreements', onDone);
  const signatories = organisations.filter((o) => o.kind === 'party' || o.kind === 'guarantor');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const required = t('validation.required');
    const bad = form.invalid({
      title: !title.trim() && required,
      signedOn: !DAY.test(signedOn) && t('validation.date'),
      effectiveFrom: !DAY.test(effectiveFrom) && t('validation.date'),
      effectiveTo:
        (effectiveTo && !DAY.test(effectiveTo) && t('validation.date')) || (effectiveTo && effectiveTo < effectiveFrom && t('agreements.endBeforeStart')),
    });
    if (bad) return;
    save.mutate({ title: title.trim(), terms, signedOn, effectiveFrom, effectiveTo: effectiveTo || null, signatoryIds }, { onError: form.fail });
  };

  return (
    <SetupForm onSubmit={submit} problem={form.problem} onReload={reload} onCancel={onDone} saving={save.isPending} submitTestId="agreement-submit">
      <TextInput
        label={t('agreements.titleField')}
        required
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        error={form.error('title')}
        data-testid="agreement-title"
      />
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
        <TextInput
          type="date"
          label={t('agreements.signedOn')}
          required
          value={signedOn}
          onChange={(e) => setSignedOn(e.currentTarget.value)}
          error={form.error('signedOn')}
          data-testid="agreement-signed-on"
        />
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
      <Checkbox.Group
        label={t('agreements.signatories')}
        description={t('agreements.signatoriesHelp')}
        value={signatoryIds}
        onChange={setSignatoryIds}
        error={form.error('signatoryIds')}
      >
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={6} mt="xs">
          {signatories.map((o) => (
            <Checkbox key={o.id} value={o.id} label={`${o.name} (${t(`kinds.${o.kind}`)})`} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
    </SetupForm>
  );
}
