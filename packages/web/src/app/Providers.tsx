import { useEffect, useState, type ReactNode } from 'react';
import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import i18n, { directionOf } from '../i18n/index.ts';
import { makeQueryClient } from './queryClient.ts';
import { theme } from './theme.ts';

/** Keeps Mantine's direction in step with the chosen language (Arabic, Persian: right to left). */
function DirectionSync() {
  const { i18n: current } = useTranslation();
  const { dir, setDirection } = useDirection();
  useEffect(() => {
    const wanted = directionOf(current.language);
    if (dir !== wanted) setDirection(wanted);
  }, [current.language, dir, setDirection]);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <DirectionProvider initialDirection={directionOf(i18n.language)} detectDirection>
        <MantineProvider theme={theme} defaultColorScheme="light">
          <DirectionSync />
          <QueryClientProvider client={client}>{children}</QueryClientProvider>
        </MantineProvider>
      </DirectionProvider>
    </I18nextProvider>
  );
}
