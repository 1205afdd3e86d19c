import { Pagination, type PaginationProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';

/**
 * Page numbers for a long list: Mantine's Pagination with a name on every button, which a
 * screen reader says instead of an arrow or a bare number ("Next page", "Page 3").
 */
export function Pager(props: PaginationProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Pagination
      getControlProps={(control) => ({ 'aria-label': t(`a11y.pager.${control}`) })}
      getItemProps={(page) => ({ 'aria-label': t('a11y.pager.page', { n: fmt.number(page) }) })}
      {...props}
    />
  );
}
