import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderHtml } from '@truce/core/documents/html';
import { annexCsv } from '@truce/core/publications/build';
import { isPublicationKind, PUBLICATION_KINDS } from '@truce/core/publications/figures';
import { ConfigError, loadConfig } from '../config.ts';

/**
 * `truce report un|issg --from D --to D --lang L --format pdf|html|csv|json --out FILE [--issue --as EMAIL]`
 *
 * Opens the configured database (TRUCE_DATA_DIR or DATABASE_URL, as the server does) and
 * writes the UN violation report or the support-group briefing for the period. By default
 * it generates a draft and issues nothing: the document says "draft, not issued" and
 * nothing is recorded apart from the log checkpoint signed for its figures. With --issue,
 * it freezes the next version as POST /api/publications does, in the name of the
 * secretariat user given by --as (who must be allowed to issue), and writes that version.
 * The embedded database can be opened by one process at a time: stop the server first,
 * or point DATABASE_URL at the PostgreSQL server it uses.
 */
export const REPORT_USAGE =
  'truce report (un|issg) --from YYYY-MM-DD --to YYYY-MM-DD [--lang en|ar|ru|tr|fa] [--format pdf|html|csv|json] [--out FILE] [--issue --as EMAIL]';

export async function runReport(args: string[], out: (line: string) => void = console.error): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        lang: { type: 'string', default: 'en' },
        format: { type: 'string', default: 'pdf' },
        out: { type: 'string' },
        issue: { type: 'boolean', default: false },
        as: { type: 'string' },
      },
      strict: true,
    });
  } catch (err) {
    out(`truce report: ${(err as Error).message}\nusage: ${REPORT_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const kind = positionals[0];
  if (!isPublicationKind(kind) || positionals.length !== 1) {
    out(`truce report: say which publication: ${PUBLICATION_KINDS.join(' or ')}\nusage: ${REPORT_USAGE}`);
    return 2;
  }
  const format = values.format ?? 'pdf';
  if (!['pdf', 'html', 'csv', 'json'].includes(format)) {
    out(`truce report: --format must be pdf, html, csv or json, not "${format}"`);
    return 2;
  }
  if (format === 'pdf' && !values.out) {
    out('truce report: give --out FILE for a PDF');
    return 2;
  }
  if (values.issue && !values.as) {
    out('truce report: --issue needs --as EMAIL, the secretariat user who issues it');
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      out(`truce report: configuration error: ${err.message}`);
      return 2;
    }
    throw err;
  }

  const { openDatabase } = await import('../db/index.ts');
  const { issuePublication } = await import('./issue-publication.ts');
  const { readPublicationFile } = await import('./read-publication-file.ts');
  const { draftPublication } = await import('./draft-publication.ts');
  const { Problem } = await import('../errors/index.ts');
  const handle = await openDatabase(config);
  const { createContext, followMechanismClock } = await import('../create-context.ts');
  const ctx = createContext(config, handle);
  // A report dated by the mechanism's time, as the server would date it (the demo's is 2017).
  await followMechanismClock(ctx);
  try {
    const input = { kind, from: values.from, to: values.to, language: values.lang };
    let body: string | Uint8Array;
    let what: string;
    if (values.issue) {
      const user = await handle.db
        .selectFrom('users')
        .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
        .select(['users.id', 'users.role', 'users.active', 'organisations.id as org_id', 'organisations.kind'])
        .where((eb) => eb(eb.fn('lower', ['users.email']), '=', values.as!.toLowerCase()))
        .executeTakeFirst();
      if (!user || !user.active) {
        out(`truce report: --as ${values.as}: no active user with this e-mail`);
        return 2;
      }
      const meta = await issuePublication(ctx, { userId: user.id, orgId: user.org_id, orgKind: user.kind, role: user.role }, input);
      const c = await readPublicationFile(ctx, meta.id, format as 'pdf');
      body = typeof c.body === 'string' ? c.body : new Uint8Array(c.body);
      what = `issued ${kind} version ${meta.version} (${meta.id}), PDF SHA-256 ${meta.pdf.sha256}, checkpoint ${meta.checkpoint.size} ${meta.checkpoint.rootHash}`;
    } else {
      const { req, data, doc } = await draftPublication(ctx, input, '--');
      if (format === 'pdf') {
        const { renderPdf } = await import('../documents/index.ts');
        const pdf = await renderPdf(doc);
        body = pdf.bytes;
        what = `draft ${kind} PDF, ${pdf.pages} pages`;
      } else {
        body = format === 'html' ? renderHtml(doc) : format === 'csv' ? annexCsv(data, req.language) : JSON.stringify({ figures: data }, null, 2);
        what = `draft ${kind} ${format}`;
      }
      what += `, figures at checkpoint ${data.checkpoint.size} ${data.checkpoint.rootHash}`;
    }
    if (values.out) {
      fs.writeFileSync(path.resolve(values.out), body);
      out(`${what} → ${values.out}`);
    } else {
      process.stdout.write(body);
      out(what);
    }
    return 0;
  } catch (err) {
    if (err instanceof Problem) {
      const fields = (err.extra.errors ?? []).map((e) => `  ${e.path.replace(/^--\//, '--').replace('--language', '--lang')}: ${e.message}`);
      out([`truce report: ${fields.length > 0 ? 'the request is not valid' : err.detail}`, ...fields].join('\n'));
      return 2;
    }
    out(`truce report: ${(err as Error).message}`);
    return 1;
  } finally {
    await handle.close();
  }
}
