import { Badge, Card, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Report } from './api.ts';
import { Ltr } from '../components/Ltr.tsx';
import { casualtyTotals, coordinates, useReportText, type Lookups } from './labels.ts';
import { VocabularyLabel } from '../i18n/VocabularyLabel.tsx';

/** The marks a report carries: withdrawn, outside the zones or dates of the agreements, place sealed. */
export function ReportBadges({ report }: { report: Report }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {report.withdrawn && (
        <Badge color="red" variant="filled" size="sm" data-testid="report-badge-withdrawn">
          {t('reports.badge.withdrawn')}
        </Badge>
      )}
      {report.flags.outsideZones && (
        <Badge color="orange" variant="light" size="sm" data-testid="report-badge-outside-zones">
          {t('reports.badge.outsideZones')}
        </Badge>
      )}
      {report.flags.outsideDates && (
        <Badge color="orange" variant="light" size="sm" data-testid="report-badge-outside-dates">
          {t('reports.badge.outsideDates')}
        </Badge>
      )}
      {report.sealed.includes('location') && (
        <Badge color="gray" variant="light" size="sm">
          {t('reports.badge.placeSealed')}
        </Badge>
      )}
      {report.version > 1 && (
        <Badge color="blue" variant="light" size="sm">
          {t('reports.badge.corrected', { version: report.version })}
        </Badge>
      )}
    </Group>
  );
}

/** One report in the list: a card that opens it. */
export function ReportRow({ report, lookups }: { report: Report; lookups: Lookups }) {
  const { t } = useTranslation();
  const text = useReportText(lookups);
  const totals = casualtyTotals(report.casualties);
  const place = text.placeParts(report.location, report.areas);
  return (
    <Card
      withBorder
      padding="sm"
      component={Link}
      to={`/reports/${report.id}`}
      data-testid="report-row"
      data-id={report.id}
      // A withdrawn report is struck through on a grey card, not faded (faded text falls under 4.5:1).
      bg={report.withdrawn ? 'gray.1' : undefined}
    >
      <Group justify="space-between" gap="xs" align="flex-start">
        <Text fw={600} c="blue.8" dir="auto" style={{ textDecoration: report.withdrawn ? 'line-through' : undefined }}>
          <VocabularyLabel labels={text.typeLabels(report.typeCode)} otherwise={report.typeCode} testId="report-row-type" />
        </Text>
        <ReportBadges report={report} />
      </Group>
      <Text size="sm" mt={2}>
        {text.when(report.occurredAt, report.timePrecision)}
      </Text>
      <Text size="sm" c="dimmed" className="truce-break">
        {place.length > 0 ? (
          place.map((part, i) => (
            <span key={i}>
              {i > 0 && ' · '}
              <bdi dir="auto">{part}</bdi>
            </span>
          ))
        ) : (
          <Ltr>{coordinates(report.location)}</Ltr>
        )}
      </Text>
      <Text size="sm" mt={2}>
        {t('reports.row.alleged')} <bdi>{text.perpetrator(report.allegedPerpetrator)}</bdi>
      </Text>
      <Text size="sm">
        {t('reports.row.affected')} <bdi>{text.affected(report.affectedSide)}</bdi>
      </Text>
      <Text size="xs" c="dimmed">
        {t('reports.row.killed', { n: text.count(totals.killed) })} · {t('reports.row.injured', { n: text.count(totals.injured) })}
      </Text>
    </Card>
  );
}
