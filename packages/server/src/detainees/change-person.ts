import type { PersonRecord } from '@truce/core/detainees/person';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../errors/index.ts';
import type { PersonChangeResult } from './schema.ts';
import { personChanges } from './versions.ts';
import { writeNewVersion } from './write-new-version.ts';

/** Adds, changes or removes one person by form: a new version with that one difference. */
export async function changePerson(
  ctx: AppContext,
  auth: Auth,
  listId: string,
  input: { version: number; ref: string; person: PersonRecord | null; note?: string },
  mode: 'add' | 'change' | 'remove',
): Promise<PersonChangeResult> {
  return ctx.db.transaction().execute(async (tx) => {
    const result = await writeNewVersion(tx, auth, {
      at: ctx.clock.now(),
      listId,
      baseVersion: input.version,
      source: 'form',
      note: input.note,
      next: (current) => {
        const exists = current.some((p) => p.ref === input.ref);
        if (mode === 'add' && exists)
          throw badRequest(
            `The list already has a person with reference "${input.ref}".`,
            [{ path: '/body/person/ref', message: 'is already on the list' }],
            'duplicate_ref',
          );
        if (mode !== 'add' && !exists) throw notFound('There is no person with this reference on the list.');
        if (mode === 'add') return [...current, input.person!];
        if (mode === 'remove') return current.filter((p) => p.ref !== input.ref);
        return current.map((p) => (p.ref === input.ref ? input.person! : p));
      },
    });
    return { version: result.version, personCount: result.list.person_count, changes: personChanges(result.diff) };
  });
}
