import { Component, lazy, Suspense, type ReactNode } from 'react';
import { Center, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Point } from './MapPicker.tsx';

/** The map is loaded on its own, after the form: the form works before it arrives and without it. */
const MapPicker = lazy(() => import('./MapPicker.tsx'));

class Boundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

interface Props {
  point: Point | null;
  onPick?: (p: Point) => void;
  zoom?: number;
  height?: number;
}

export function MapSlot({ height = 300, ...props }: Props) {
  const { t } = useTranslation();
  const fallback = (
    <Text size="sm" c="dimmed" data-testid="report-map-unavailable">
      {t('reports.map.unavailable')}
    </Text>
  );
  return (
    <Boundary fallback={fallback}>
      <Suspense
        fallback={
          <Center h={height}>
            <Loader size="sm" />
          </Center>
        }
      >
        <MapPicker {...props} height={height} label={props.onPick ? t('reports.map.pickLabel') : t('reports.map.label')} />
      </Suspense>
    </Boundary>
  );
}

export type { Point };
