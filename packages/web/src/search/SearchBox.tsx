import { ActionIcon, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * The header's search box, on every page: Enter opens /search with the words. On a phone
 * the header has no room for a field: a button opens the search page instead.
 */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  return (
    <>
      {/* A search landmark, findable by screen readers; on a phone it holds no field (visibleFrom). */}
      <search aria-label={t('search.label')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (q.trim()) navigate(`/search?${new URLSearchParams({ q: q.trim() })}`);
          }}
        >
          <TextInput
            visibleFrom="sm"
            type="search"
            size="xs"
            w={220}
            maxLength={200}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            placeholder={t('search.placeholder')}
            aria-label={t('search.label')}
            data-testid="header-search"
          />
        </form>
      </search>
      <ActionIcon component={Link} to="/search" hiddenFrom="sm" variant="subtle" size="lg" aria-label={t('search.open')} data-testid="header-search-open">
        <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
      </ActionIcon>
    </>
  );
}
