import { useState } from 'react';
import { Button, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { apiText } from '../api/client.ts';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { downloadText } from '../detainees/template.ts';

const RECEIPT_HEADER = 'c2sp.org/tlog-proof@v1\n';

/**
 * "Download receipt": the c2sp.org/tlog-proof file of the log entry that recorded an item,
 * which its holder can check offline (`truce verify --receipt`) and later hold against
 * the server (`truce audit --receipts`). `entry` finds the entry's index when asked, so
 * that pages do not look it up for readers who never download.
 */
export function ReceiptButton({
  entry,
  testId = 'receipt-download',
  size,
  short = false,
}: {
  entry: () => Promise<number | null>;
  testId?: string;
  /** A Mantine button size, e.g. "xs" or "compact-xs" beside an item in a list; the page's default when absent. */
  size?: string;
  /** "Receipt" rather than "Download receipt", where the column or the item already says what it is. */
  short?: boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function download() {
    setBusy(true);
    setNote(null);
    setError(null);
    try {
      const index = await entry();
      if (index === null) {
        setNote(t('record.receipt.none'));
        return;
      }
      const text = await apiText(`/api/log/entries/${index}/receipt`);
      // 202: the entry is not in a checkpoint yet.
      if (!text.startsWith(RECEIPT_HEADER)) setNote(t('record.receipt.pending'));
      else downloadText(`truce-entry-${index}.tlog-proof`, text, 'text/plain;charset=utf-8');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        variant="default"
        size={size}
        onClick={download}
        loading={busy}
        data-testid={testId}
        title={t('record.receipt.hint')}
        aria-label={short ? t('record.receipt.button') : undefined}
      >
        {short ? t('record.receipt.short') : t('record.receipt.button')}
      </Button>
      {note && (
        <Text size={size?.includes('xs') ? 'xs' : 'sm'} c="dimmed" data-testid={`${testId}-note`}>
          {note}
        </Text>
      )}
      {error !== null && <ProblemAlert error={error} />}
    </>
  );
}
