import type { OrgKind } from '../model/accounts.ts';

/**
 * Every export says under which rights it was drawn (C8): for whom, that it holds only
 * what that organisation may see, and what was withheld. The same sentence goes into the
 * X-Truce-Export-Scope header of every format and the metadata member of JSON and GeoJSON.
 */

/** Whose sealed parts (sources, places sealed at the reporter's request) a reader sees: all, or only in what it filed. */
export type SealedAccess = 'all' | 'own';

export interface ExportScope {
  organisation: { id: string; name: string; kind: OrgKind };
  sealed: SealedAccess;
}

/** What an export withholds from this reader, as words for the metadata. */
export function withheldOf(scope: ExportScope): string[] {
  if (scope.sealed === 'all') return ['sources and witness details in CSV, HXL, ACLED and GeoJSON (JSON carries them)'];
  return [
    'sources and witness details of reports filed by other organisations',
    "exact places sealed at the reporter's request: rounded to 0.1 degree (about 11 km), named by their district",
  ];
}

/** The statement, in English (the web app shows it translated beside the buttons). */
export function scopeStatement(scope: ExportScope): string {
  const who = `${scope.organisation.name} (${scope.organisation.kind})`;
  if (scope.sealed === 'all') {
    return `Exported for ${who}: contains only records this organisation may see; it may see sealed fields, so exact places are included and sources only in the JSON format. Handle this file as sealed.`;
  }
  return `Exported for ${who}: contains only records this organisation may see; sealed fields withheld (sources, and exact places sealed at the reporter's request, which are rounded to their district) except in reports this organisation filed.`;
}

/**
 * A text as an HTTP header value: printable ASCII stays, anything else (Arabic names, say)
 * and "%" are percent-encoded as UTF-8, so decodeURIComponent gives the text back.
 */
export function headerValue(text: string): string {
  return text.replace(/[^\x20-\x24\x26-\x7e]+/gu, (s) => encodeURIComponent(s));
}
