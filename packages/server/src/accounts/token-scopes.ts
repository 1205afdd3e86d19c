/** What an API token may be made for: read only, or read and file (http/token-scope.ts decides per route). */
export const TOKEN_SCOPES = ['read', 'file'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
