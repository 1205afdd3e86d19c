import { useId, useMemo, useState } from 'react';
import { useElementSize } from '@mantine/hooks';
import { Box, Button, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { addDays } from './period.ts';

/** Colours for the violation types, in the taxonomy's order, so that a type keeps its colour whatever the filter. */
export const PALETTE = ['#1c7ed6', '#e8590c', '#2f9e44', '#c2255c', '#7048e8', '#f59f00', '#0c8599', '#5c940d', '#862e9c', '#495057', '#d6336c', '#3b5bdb'];

/** The Monday on or before a day (the server's weeks start on Monday). */
export function mondayOf(day: string): string {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((wd + 6) % 7));
}

export interface WeekData {
  weeks: string[];
  types: string[];
  counts: Map<string, number>;
  totals: number[];
}

/** Every week of the period, including those without reports, and the types in the given order. */
export function weekData(rows: { week: string; type: string; count: number }[], from: string, to: string, order: string[]): WeekData {
  const weeks: string[] = [];
  const first = rows.reduce((m, r) => (r.week < m ? r.week : m), mondayOf(from));
  for (let w = first; w <= to && weeks.length < 600; w = addDays(w, 7)) weeks.push(w);
  const present = new Set(rows.map((r) => r.type));
  const types = [...order.filter((c) => present.has(c)), ...[...present].filter((c) => !order.includes(c)).sort()];
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(`${r.week}|${r.type}`, (counts.get(`${r.week}|${r.type}`) ?? 0) + r.count);
  const totals = weeks.map((w) => types.reduce((s, ty) => s + (counts.get(`${w}|${ty}`) ?? 0), 0));
  return { weeks, types, counts, totals };
}

interface WeekProps {
  data: WeekData;
  typeLabel: (code: string) => string;
  colourOf: (code: string) => string;
}

/**
 * Reports per week, stacked by type, drawn in SVG. The time axis runs left to right in
 * every language (as calendars and the dates under it do), also in Arabic and Persian.
 * The chart has a title and a description, and the same figures can be shown as a table.
 */
export function WeekChart({ data, typeLabel, colourOf }: WeekProps) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const [table, setTable] = useState(false);
  const short = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { calendar: 'gregory', month: 'short', day: 'numeric', timeZone: 'UTC' }),
    [i18n.language],
  );
  const label = (w: string) => short.format(new Date(`${w}T00:00:00Z`));
  const { weeks, types, counts, totals } = data;
  const max = Math.max(1, ...totals);
  // Drawn at the width it is shown at, so that the labels keep their size on a phone.
  const { ref, width } = useElementSize();
  const W = Math.max(300, Math.round(width) || 640);
  const H = W < 500 ? 200 : 240;
  const left = 36;
  const bottom = 22;
  const top = 8;
  const plotW = W - left - 4;
  const plotH = H - top - bottom;
  const step = plotW / Math.max(1, weeks.length);
  const barW = Math.max(2, step * 0.75);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const ticks = niceTicks(max);
  const every = Math.max(1, Math.ceil(weeks.length / Math.max(2, Math.floor(W / 80))));
  const total = totals.reduce((a, b) => a + b, 0);
  const busiest = totals.indexOf(Math.max(...totals));

  return (
    <Stack gap="xs" data-testid="dashboard-week-chart">
      <Box dir="ltr" ref={ref}>
        <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-labelledby={`${id}-t ${id}-d`} style={{ display: 'block' }}>
          <title id={`${id}-t`}>{t('dashboard.week.title')}</title>
          <desc id={`${id}-d`}>
            {weeks.length > 0 && total > 0
              ? t('dashboard.week.desc', {
                  total: fmt.number(total),
                  weeks: fmt.number(weeks.length),
                  week: label(weeks[busiest]),
                  count: fmt.number(totals[busiest]),
                })
              : t('dashboard.none')}
          </desc>
          {ticks.map((v) => (
            <g key={v}>
              <line x1={left} x2={W - 4} y1={y(v)} y2={y(v)} stroke="#dee2e6" strokeWidth={1} />
              <text x={left - 4} y={y(v) + 4} textAnchor="end" fontSize={11} fill="#868e96">
                {fmt.number(v)}
              </text>
            </g>
          ))}
          {weeks.map((w, i) => {
            let base = 0;
            const x = left + i * step + (step - barW) / 2;
            return (
              <g key={w}>
                {types.map((ty) => {
                  const c = counts.get(`${w}|${ty}`) ?? 0;
                  if (!c) return null;
                  const y0 = y(base);
                  base += c;
                  const y1 = y(base);
                  return (
                    <rect key={ty} x={x} y={y1} width={barW} height={Math.max(0, y0 - y1)} fill={colourOf(ty)}>
                      <title>{`${label(w)} · ${typeLabel(ty)}: ${fmt.number(c)}`}</title>
                    </rect>
                  );
                })}
                {i % every === 0 && (
                  <text x={left + i * step + step / 2} y={H - 6} textAnchor="middle" fontSize={11} fill="#495057">
                    {label(w)}
                  </text>
                )}
              </g>
            );
          })}
          <line x1={left} x2={W - 4} y1={y(0)} y2={y(0)} stroke="#868e96" strokeWidth={1} />
        </svg>
      </Box>
      <Group gap="sm" wrap="wrap" data-testid="dashboard-week-legend">
        {types.map((ty) => (
          <Group key={ty} gap={4} wrap="nowrap">
            <Box w={10} h={10} style={{ background: colourOf(ty), borderRadius: 2, flex: 'none' }} aria-hidden />
            <Text size="xs">{typeLabel(ty)}</Text>
          </Group>
        ))}
      </Group>
      <Group>
        <Button size="compact-xs" variant="subtle" onClick={() => setTable((v) => !v)} aria-expanded={table} data-testid="dashboard-week-table-toggle">
          {table ? t('dashboard.week.hideTable') : t('dashboard.week.showTable')}
        </Button>
      </Group>
      {table && (
        <ScrollArea type="auto">
          <Table striped withTableBorder fz="xs" data-testid="dashboard-week-table">
            <Table.Caption>{t('dashboard.week.title')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboard.week.week')}</Table.Th>
                {types.map((ty) => (
                  <Table.Th key={ty}>{typeLabel(ty)}</Table.Th>
                ))}
                <Table.Th>{t('dashboard.week.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {weeks.map((w, i) => (
                <Table.Tr key={w}>
                  <Table.Th scope="row">{fmt.date(w)}</Table.Th>
                  {types.map((ty) => (
                    <Table.Td key={ty}>{fmt.number(counts.get(`${w}|${ty}`) ?? 0)}</Table.Td>
                  ))}
                  <Table.Td fw={600}>{fmt.number(totals[i])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Stack>
  );
}

function niceTicks(max: number): number[] {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  return out;
}

export interface BarRow {
  key: string;
  label: string;
  count: number;
  to?: string;
}

/**
 * Horizontal bars in HTML: they start from the reading side, so they mirror in
 * right-to-left languages by themselves, and they are read as a list.
 */
export function Bars({ rows, testId, label, colour = 'var(--mantine-color-blue-6)' }: { rows: BarRow[]; testId: string; label: string; colour?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const max = Math.max(1, ...rows.map((r) => r.count));
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {t('dashboard.none')}
      </Text>
    );
  return (
    <Stack gap={6} component="ul" aria-label={label} data-testid={testId} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {rows.map((r) => (
        <li key={r.key}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" truncate dir="auto" style={{ minWidth: 0 }}>
              {r.to ? <Link to={r.to}>{r.label}</Link> : r.label}
            </Text>
            <Text size="sm" fw={600} style={{ flex: 'none' }}>
              {fmt.number(r.count)}
            </Text>
          </Group>
          <Box h={8} bg="gray.2" style={{ borderRadius: 4, overflow: 'hidden' }} aria-hidden>
            <Box h="100%" w={`${(r.count / max) * 100}%`} style={{ background: colour, borderRadius: 4 }} />
          </Box>
        </li>
      ))}
    </Stack>
  );
}
