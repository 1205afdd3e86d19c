import type { ReactNode } from 'react';
import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Ltr } from '../components/Ltr.tsx';
import { useFormat } from '../i18n/format.ts';
import type { Report } from './api.ts';
import { EvidenceList } from '../evidence/EvidenceList.tsx';
import { coordinates, useReportText, type Lookups } from './labels.ts';
import { localName } from './geo.ts';
import { MapSlot } from './MapSlot.tsx';
import { CASUALTY_KEYS } from './formState.ts';
import { Section } from '../components/Section.tsx';
import { VocabularyLabel } from '../i18n/VocabularyLabel.tsx';

export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" className="truce-break">
        {children}
      </Text>
    </div>
  );
}

/** A report's content as this reader may see it. User text keeps its own direction and is never read as HTML. */
export function ReportView({ report, lookups }: { report: Report; lookups: Lookups }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const text = useReportText(lookups);
  const { location, areas } = report;
  const sealedPlace = report.sealed.includes('location');
  const sealedSources = report.sealed.includes('sources');

  return (
    <Stack gap="md" data-testid="report-detail">
      <Section title={t('reports.section.whenWhere')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Stack gap="sm">
            <Field label={t('reports.field.when')} testId="report-detail-when">
              {text.when(report.occurredAt, report.timePrecision)}
            </Field>
            <Field label={t('reports.field.place')}>
              <span dir="auto">{location.placeName || t('reports.field.noPlaceName')}</span>
              {location.pcode && (
                <>
                  {' '}
                  · <Ltr mono>{location.pcode}</Ltr>
                </>
              )}
            </Field>
            {(areas.adm1 || areas.adm2) && (
              <Field label={t('reports.field.area')}>
                <span dir="auto">
                  {[areas.adm2, areas.adm1]
                    .filter((a) => !!a)
                    .map((a) => localName(i18n.language, a!.nameEn, a!.nameAr))
                    .join(' · ')}
                </span>
              </Field>
            )}
            <Field label={t('reports.field.coordinates')}>
              <Ltr>{coordinates(location)}</Ltr> · {t(`reports.geoPrecision.${location.geoPrecision}`)}
              {sealedPlace && ` · ${t('reports.field.rounded')}`}
            </Field>
            {report.sealLocation && !sealedPlace && (
              <Text size="xs" c="orange.8">
                {t('reports.field.sealedForOthers')}
              </Text>
            )}
          </Stack>
          <MapSlot point={{ lat: location.lat, lon: location.lon }} zoom={sealedPlace ? 9 : 10} height={220} />
        </SimpleGrid>
      </Section>

      <Section title={t('reports.section.whatWho')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Field label={t('reports.form.type')} testId="report-detail-type">
            <span dir="auto">
              <VocabularyLabel labels={text.typeLabels(report.typeCode)} otherwise={report.typeCode} />
            </span>
          </Field>
          <Field label={t('reports.form.alleged')} testId="report-detail-alleged">
            <span dir="auto">{text.perpetrator(report.allegedPerpetrator)}</span>
          </Field>
          <Field label={t('reports.form.affected')} testId="report-detail-affected">
            <span dir="auto">{text.affected(report.affectedSide)}</span>
          </Field>
        </SimpleGrid>
      </Section>

      <Section title={t('reports.section.casualties')}>
        <Table withTableBorder withColumnBorders data-testid="report-detail-casualties" maw={420}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{t('reports.casualties.civilian')}</Table.Th>
              <Table.Th>{t('reports.casualties.combatant')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(['killed', 'injured'] as const).map((row) => (
              <Table.Tr key={row}>
                <Table.Th>{t(`reports.casualties.${row}`)}</Table.Th>
                {CASUALTY_KEYS.filter((k) => k.startsWith(row)).map((k) => (
                  <Table.Td key={k} c={report.casualties[k] === null ? 'dimmed' : undefined} fs={report.casualties[k] === null ? 'italic' : undefined}>
                    {text.count(report.casualties[k])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>

      <Section title={t('reports.section.description')}>
        <Text size="sm" dir="auto" lang={report.language} style={{ whiteSpace: 'pre-wrap' }} className="truce-break" data-testid="report-detail-description">
          {report.description}
        </Text>
      </Section>

      <Section title={t('reports.section.sources')}>
        {sealedSources ? (
          <Text size="sm" c="dimmed">
            {t('reports.field.sourcesSealed')}
          </Text>
        ) : report.sources.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('reports.field.noSources')}
          </Text>
        ) : (
          <Stack gap={6} data-testid="report-detail-sources">
            {report.sources.map((s, i) => (
              <Text key={i} size="sm">
                <strong>{t(`reports.sourceKind.${s.kind}`)}</strong>
                {s.detail && (
                  <>
                    {': '}
                    <bdi dir="auto">{s.detail}</bdi>
                  </>
                )}
              </Text>
            ))}
          </Stack>
        )}
      </Section>

      <Section title={t('reports.section.evidence')}>
        <EvidenceList hashes={report.evidence} />
      </Section>

      <Text size="xs" c="dimmed" data-testid="report-detail-filed">
        {t('reports.field.filedBy', { organisation: text.organisation(report.reporterOrganisationId), when: fmt.dateTime(report.filedAt) })} ·{' '}
        {t('reports.field.version', { version: report.version })}
      </Text>
    </Stack>
  );
}
