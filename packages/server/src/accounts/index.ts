/** The accounts module's public face: what other modules may use of it (issue 15; see .dependency-cruiser.cjs). */
export { authenticate, loggedActor } from './authenticate.ts';
export type { Auth } from './authenticate.ts';
export { generatePassword, hashPassword, sha256Hex } from './secrets.ts';
export { countUsers } from './store.ts';
export type { TokenScope } from './token-scopes.ts';
