import { useState, type FormEvent } from 'react';
import { Alert, Button, FileButton, Group, Table, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Zone } from '../api/types.ts';
import { usePermissions } from '../app/permissions.ts';
import { Ltr } from '../components/Ltr.tsx';
import { LabelsFields } from '../components/LabelsFields.tsx';
import { SetupForm } from '../components/SetupForm.tsx';
import { EditCell, SetupListPage, SetupTable } from '../components/SetupListPage.tsx';
import { useFormProblem } from '../components/useFormProblem.ts';
import { formFieldOf, labelsForm } from '../i18n/vocabulary.ts';
import { VocabularyLabel } from '../i18n/VocabularyLabel.tsx';
import { MissingLanguages } from './MissingLanguages.tsx';
import { useFormat, type Formatter } from '../i18n/format.ts';
import { useCollection, useReloadCollection, useSaveItem } from './api.ts';
import { boundingBox, countPositions, MAX_ZONE_BYTES, readZoneGeoJson } from './zoneInput.ts';

/** "W 35.7000 · S 32.3000 · E 42.4000 · N 37.3000", in the reader's digits. */
function BBox({ bbox, fmt }: { bbox: [number, number, number, number]; fmt: Formatter }) {
  const { t } = useTranslation();
  const d = (n: number) => fmt.number(Math.round(n * 10_000) / 10_000);
  const [w, s, e, n] = bbox;
  return (
    <Text size="sm" component="span">
      {t('zones.west')} {d(w)} · {t('zones.south')} {d(s)} · {t('zones.east')} {d(e)} · {t('zones.north')} {d(n)}
    </Text>
  );
}

/** The area of application: zones as GeoJSON polygons, listed with their bounding boxes. */
export function ZonesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const permissions = usePermissions();
  const zones = useCollection<Zone>('zones');

  return (
    <SetupListPage
      title={t('zones.title')}
      description={t('zones.description')}
      canEdit={permissions.editSetup}
      addLabel={t('zones.add')}
      editLabel={t('zones.edit')}
      createTestId="zone-create"
      items={zones}
      empty={t('zones.none')}
      form={(zone, done) => <ZoneForm zone={zone} onDone={done} />}
    >
      {(items, edit) => (
        <SetupTable
          testId="zone-list"
          canEdit={permissions.editSetup}
          headers={
            <>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th>{t('zones.bbox')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('zones.shape')}</Table.Th>
            </>
          }
        >
          {items.map((z) => (
            <Table.Tr key={z.id} data-testid="zone-row">
              <Table.Td>
                <Text size="sm" fw={500} dir="auto">
                  <VocabularyLabel labels={z.labels} otherwise={z.name} />
                </Text>
                <MissingLanguages labels={z.labels} />
                {z.description && (
                  <Text size="xs" c="dimmed" dir="auto">
                    {z.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <BBox bbox={z.bbox ?? boundingBox(z.geometry)} fmt={fmt} />
              </Table.Td>
              <Table.Td visibleFrom="sm">
                <Text size="sm">
                  <Ltr>{z.geometry.type}</Ltr> · {t('zones.positions', { count: countPositions(z.geometry), n: fmt.number(countPositions(z.geometry)) })}
                </Text>
              </Table.Td>
              <EditCell canEdit={permissions.editSetup} onClick={() => edit(z)} testId={`zone-edit-${z.id}`} />
            </Table.Tr>
          ))}
        </SetupTable>
      )}
    </SetupListPage>
  );
}

function ZoneForm({ zone, onDone }: { zone: Zone | null; onDone: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [labels, setLabels] = useState(labelsForm(zone?.labels ?? (zone ? { en: zone.name } : null)));
  const [description, setDescription] = useState(zone?.description ?? '');
  // Editing keeps the stored shape unless a new one is pasted or uploaded.
  const [geojson, setGeojson] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const form = useFormProblem({}, formFieldOf);
  const save = useSaveItem<Zone>('zones', zone, onDone);
  const reload = useReloadCollection('zones', onDone);
  const parsed = geojson.trim() ? readZoneGeoJson(geojson) : null;

  const upload = async (file: File | null) => {
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_ZONE_BYTES) {
      setFileError(t('zones.tooLarge', { mb: 8 }));
      return;
    }
    setGeojson(await file.text());
  };

  const geometryMessage = (): string | false => {
    if (!parsed) return !zone && t('zones.geometryRequired');
    if (parsed.ok) return false;
    if (parsed.error === 'json') return t('zones.notJson', { message: parsed.message });
    return t('zones.badGeometry', { message: parsed.message, path: parsed.path || '/' });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.invalid({ 'labels/en': !labels.en.trim() && t('validation.required'), geometry: geometryMessage() })) return;
    const body: Record<string, unknown> = { labels, description };
    if (parsed?.ok) body.geometry = parsed.geometry;
    save.mutate(body, { onError: form.fail });
  };

  return (
    <SetupForm onSubmit={submit} problem={form.problem} onReload={reload} onCancel={onDone} saving={save.isPending} submitTestId="zone-submit">
      <LabelsFields legend={t('fields.name')} value={labels} onChange={setLabels} error={form.error} maxLength={300} testId="zone-name" />
      <Textarea
        label={t('zones.descriptionField')}
        autosize
        minRows={2}
        dir="auto"
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        error={form.error('description')}
        data-testid="zone-description"
      />
      <Group gap="xs" align="center">
        <FileButton onChange={(f) => void upload(f)} accept=".geojson,.json,application/geo+json,application/json">
          {(props) => (
            <Button variant="light" size="xs" {...props} data-testid="zone-upload">
              {t('zones.upload')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          {zone ? t('zones.keepShape') : t('zones.pasteOrUpload')}
        </Text>
      </Group>
      {fileError && (
        <Text size="xs" c="red">
          {fileError}
        </Text>
      )}
      <Textarea
        label={t('zones.geometry')}
        description={t('zones.geometryHelp')}
        autosize
        minRows={5}
        maxRows={12}
        dir="ltr"
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        value={geojson}
        onChange={(e) => setGeojson(e.currentTarget.value)}
        error={form.error('geometry')}
        data-testid="zone-geometry"
      />
      {parsed?.ok && (
        <Alert color="teal" data-testid="zone-preview">
          <Text size="sm">
            <Ltr>{parsed.geometry.type}</Ltr> · {t('zones.polygons', { count: parsed.polygons, n: fmt.number(parsed.polygons) })} ·{' '}
            {t('zones.positions', { count: parsed.positions, n: fmt.number(parsed.positions) })}
          </Text>
          <BBox bbox={parsed.bbox} fmt={fmt} />
        </Alert>
      )}
    </SetupForm>
  );
}
