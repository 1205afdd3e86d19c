import path from 'node:path';
import { DEFAULT_EVIDENCE_TYPES, EVIDENCE_MEDIA_TYPES, isEvidenceMediaType, normaliseMediaType, type EvidenceMediaType } from '@truce/core/evidence/media-types';

/**
 * Configuration: one validated object built at start-up from environment variables
 * (STYLE #10). Every variable is documented in README.md. Bad values stop the start with
 * a message naming the variable.
 */
export interface Config {
  /** Port to listen on (PORT, default 8080). */
  port: number;
  /** Interface to listen on (HOST, default 127.0.0.1; 0.0.0.0 to serve a network). */
  host: string;
  /** Directory for the embedded database, the log key and evidence (TRUCE_DATA_DIR, default ./data). */
  dataDir: string;
  /** PostgreSQL server to use instead of the embedded engine (DATABASE_URL). */
  databaseUrl: string | undefined;
  /** The log's signing key in note signer format (TRUCE_LOG_KEY); generated on first start when unset. */
  logKey: string | undefined;
  /** Origin line of checkpoints (TRUCE_LOG_ORIGIN); defaults to truce/<mechanism slug>. */
  logOrigin: string | undefined;
  /** Public base URL, used in links printed or mailed (TRUCE_PUBLIC_URL). */
  publicUrl: string | undefined;
  /** Sign-in attempts allowed per e-mail address and client per minute (TRUCE_LOGIN_RATE_LIMIT, default 10). */
  loginRateLimit: number;
  /** Session lifetime in hours (TRUCE_SESSION_HOURS, default 12). */
  sessionHours: number;
  /** Log level for the structured JSON logs (LOG_LEVEL, default info). */
  logLevel: string;
  /** Serve secure cookies (TRUCE_SECURE_COOKIES; default: on when TRUCE_PUBLIC_URL is https). */
  secureCookies: boolean;
  /** Largest evidence file accepted, in bytes (TRUCE_EVIDENCE_MAX_BYTES, default 100 MiB). */
  evidenceMaxBytes: number;
  /** Media types accepted as evidence (TRUCE_EVIDENCE_TYPES, comma-separated; default all recognised). */
  evidenceTypes: readonly EvidenceMediaType[];
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => p + '//').join(' or ')}`);
  }
  return raw;
}

function evidenceTypes(env: NodeJS.ProcessEnv): readonly EvidenceMediaType[] {
  const raw = env.TRUCE_EVIDENCE_TYPES;
  if (raw === undefined || raw.trim() === '') return DEFAULT_EVIDENCE_TYPES;
  const types: EvidenceMediaType[] = [];
  for (const item of raw.split(',')) {
    const type = normaliseMediaType(item);
    if (type === '') continue;
    if (!isEvidenceMediaType(type)) {
      throw new ConfigError(`TRUCE_EVIDENCE_TYPES: "${item.trim()}" is not a type Truce recognises from content; use some of ${EVIDENCE_MEDIA_TYPES.join(', ')}`);
    }
    if (!types.includes(type)) types.push(type);
  }
  if (types.length === 0) throw new ConfigError('TRUCE_EVIDENCE_TYPES lists no media type');
  return types;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const publicUrl = url(env, 'TRUCE_PUBLIC_URL', ['http:', 'https:']);
  const secure = env.TRUCE_SECURE_COOKIES;
  if (secure !== undefined && !['', 'true', 'false'].includes(secure)) {
    throw new ConfigError('TRUCE_SECURE_COOKIES must be "true" or "false"');
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  }
  const origin = env.TRUCE_LOG_ORIGIN || undefined;
  if (origin !== undefined && (/[\s+]/u.test(origin) || origin.length > 200)) {
    throw new ConfigError('TRUCE_LOG_ORIGIN must be at most 200 characters without spaces or "+"');
  }
  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.TRUCE_DATA_DIR || 'data'),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    logKey: env.TRUCE_LOG_KEY || undefined,
    logOrigin: origin,
    publicUrl,
    loginRateLimit: integer(env, 'TRUCE_LOGIN_RATE_LIMIT', 10, 1, 100_000),
    sessionHours: integer(env, 'TRUCE_SESSION_HOURS', 12, 1, 24 * 30),
    logLevel,
    secureCookies: secure ? secure === 'true' : (publicUrl?.startsWith('https:') ?? false),
    // From 1 KiB (a photo's thumbnail) to 64 GiB (hours of video); 100 MiB by default.
    evidenceMaxBytes: integer(env, 'TRUCE_EVIDENCE_MAX_BYTES', 100 * 1024 * 1024, 1024, 64 * 1024 ** 3),
    evidenceTypes: evidenceTypes(env),
  };
}
