import { listTemplateCsv } from '@truce/core/detainees/csv-out';

/** The file name of the empty list a party fills in. */
export const TEMPLATE_FILE = 'truce-detainee-list-template.csv';

/**
 * The template of a list file: the canonical columns as the header row, with a byte-order
 * mark so that spreadsheet programs read Arabic names right. Built in the browser from the
 * same column list the server reads (core detainees/person), so the two cannot drift.
 */
export function templateCsv(): string {
  return listTemplateCsv();
}

/** Offers a text as a file to save, without a round trip to the server. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
