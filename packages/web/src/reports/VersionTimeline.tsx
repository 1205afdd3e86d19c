import { Spoiler, Stack, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session.ts';
import { Ltr } from '../components/Ltr.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useFormat } from '../i18n/format.ts';
import { contentOf, type Report, type ReportVersion } from './api.ts';
import { diffContent, evidenceChange, type Change, type DiffField } from './diff.ts';
import { DESCRIPTION_LANGUAGES } from './sections/DescriptionSection.tsx';
import { coordinates, useReportText, type Lookups } from './labels.ts';

const LABEL: Record<DiffField, string> = {
  occurredAt: 'reports.field.when',
  timePrecision: 'reports.form.timePrecision',
  location: 'reports.field.place',
  sealLocation: 'reports.form.sealLocation',
  typeCode: 'reports.form.type',
  allegedPerpetrator: 'reports.form.alleged',
  affectedSide: 'reports.form.affected',
  killedCivilian: 'reports.casualties.killedCivilian',
  killedCombatant: 'reports.casualties.killedCombatant',
  injuredCivilian: 'reports.casualties.injuredCivilian',
  injuredCombatant: 'reports.casualties.injuredCombatant',
  description: 'reports.form.description',
  language: 'reports.form.language',
  sources: 'reports.section.sources',
  evidence: 'reports.section.evidence',
};

/** One value of a field as it reads in the report. */
function useValueText(lookups: Lookups) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useReportText(lookups);
  return (field: DiffField, v: unknown): string => {
    switch (field) {
      case 'occurredAt':
        return fmt.dateTime(v as string);
      case 'timePrecision':
        return t(`reports.timePrecision.${v as string}`);
      case 'location': {
        const l = v as Report['location'];
        return [l.placeName, coordinates(l), t(`reports.geoPrecision.${l.geoPrecision}`)].filter(Boolean).join(' · ');
      }
      case 'sealLocation':
        return v ? t('common.yes') : t('common.no');
      case 'typeCode':
        return text.type(v as string);
      case 'allegedPerpetrator':
        return text.perpetrator(v as Report['allegedPerpetrator']);
      case 'affectedSide':
        return text.affected(v as Report['affectedSide']);
      case 'language':
        return DESCRIPTION_LANGUAGES.find((l) => l.value === v)?.label ?? String(v);
      case 'sources': {
        const list = v as Report['sources'];
        return list.length === 0
          ? t('reports.field.noSources')
          : list.map((s) => `${t(`reports.sourceKind.${s.kind}`)}${s.detail ? `: ${s.detail}` : ''}`).join(' · ');
      }
      case 'evidence':
        return t('reports.versions.files', { count: (v as string[]).length, n: fmt.number((v as string[]).length) });
      case 'description':
        return String(v);
      default:
        return text.count(v as number | null);
    }
  };
}

function ChangeLine({ change, lookups }: { change: Change; lookups: Lookups }) {
  const { t } = useTranslation();
  const value = useValueText(lookups);
  const long = change.field === 'description' || change.field === 'sources';
  // A long text is shown as a block of its own, in its own direction, folded after a few lines.
  const show = (v: unknown, colour: string) => {
    const s = value(change.field, v);
    return long ? (
      <Spoiler maxHeight={66} showLabel={t('actions.showMore')} hideLabel={t('actions.showLess')} mt={2}>
        <Text
          size="xs"
          dir="auto"
          style={{ whiteSpace: 'pre-wrap', borderInlineStart: `3px solid var(--mantine-color-${colour}-4)`, paddingInlineStart: 8 }}
          className="truce-break"
        >
          {s}
        </Text>
      </Spoiler>
    ) : (
      <bdi>{s}</bdi>
    );
  };
  const files = change.field === 'evidence' ? evidenceChange(change.before as string[], change.after as string[]) : null;
  return (
    <Stack gap={0} data-testid="report-change" data-field={change.field}>
      <Text size="xs" fw={600}>
        {t(LABEL[change.field])}
      </Text>
      {files ? (
        <Text size="xs" component="div">
          {files.added.map((h) => (
            <div key={h} style={{ color: 'var(--mantine-color-teal-8)' }}>
              + <Ltr mono>{h.slice(0, 16)}…</Ltr>
            </div>
          ))}
          {files.removed.map((h) => (
            <div key={h} style={{ color: 'var(--mantine-color-red-8)' }}>
              − <Ltr mono>{h.slice(0, 16)}…</Ltr>
            </div>
          ))}
        </Text>
      ) : (
        <>
          <Text size="xs" c="red.8" component="div" className="truce-break" data-testid="report-change-before">
            <Text span size="xs" c="dimmed">
              {t('reports.versions.was')}{' '}
            </Text>
            {show(change.before, 'red')}
          </Text>
          <Text size="xs" c="teal.8" component="div" className="truce-break" data-testid="report-change-after">
            <Text span size="xs" c="dimmed">
              {t('reports.versions.now')}{' '}
            </Text>
            {show(change.after, 'teal')}
          </Text>
        </>
      )}
    </Stack>
  );
}

/**
 * Every version of the report, oldest first: who saved it and when, the note they gave,
 * and what changed from the version before, field by field. A withdrawal ends the line.
 */
export function VersionTimeline({
  report,
  versions,
  error,
  lookups,
}: {
  report: Report;
  versions: ReportVersion[] | undefined;
  error: unknown;
  lookups: Lookups;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { user } = useSession();
  const text = useReportText(lookups);
  if (error) return <ProblemAlert error={error} />;
  if (!versions) return null;
  const who = (v: ReportVersion) =>
    v.createdBy === user.id
      ? t('reports.versions.you', { organisation: text.organisation(v.reporterOrganisationId) })
      : text.organisation(v.reporterOrganisationId);

  return (
    <Timeline active={versions.length - 1 + (report.withdrawn ? 1 : 0)} bulletSize={16} lineWidth={2} data-testid="report-versions">
      {versions.map((v, i) => {
        const changes = i === 0 ? [] : diffContent(contentOf(versions[i - 1]), contentOf(v));
        return (
          <Timeline.Item
            key={v.version}
            title={i === 0 ? t('reports.versions.filed') : t('reports.versions.corrected', { version: v.version })}
            data-testid="report-version"
            data-version={v.version}
          >
            <Text size="xs" c="dimmed">
              {fmt.dateTime(v.updatedAt)} · <bdi>{who(v)}</bdi>
            </Text>
            {v.changeNote && (
              <Text size="sm" dir="auto" mt={4} style={{ whiteSpace: 'pre-wrap' }} className="truce-break" data-testid="report-version-note">
                {v.changeNote}
              </Text>
            )}
            {i > 0 && (
              <Stack gap={6} mt={6}>
                {changes.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('reports.versions.noVisibleChange')}
                  </Text>
                ) : (
                  changes.map((c) => <ChangeLine key={c.field} change={c} lookups={lookups} />)
                )}
              </Stack>
            )}
          </Timeline.Item>
        );
      })}
      {report.withdrawn && (
        <Timeline.Item title={t('reports.versions.withdrawn')} color="red" data-testid="report-version-withdrawn">
          <Text size="xs" c="dimmed">
            {fmt.dateTime(report.withdrawn.at)}
          </Text>
          <Text size="sm" dir="auto" mt={4} style={{ whiteSpace: 'pre-wrap' }} className="truce-break">
            {report.withdrawn.reason}
          </Text>
        </Timeline.Item>
      )}
    </Timeline>
  );
}
