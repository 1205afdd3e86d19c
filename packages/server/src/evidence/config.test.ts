import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';

describe('evidence configuration', () => {
  it('defaults to 100 MiB and every recognised type', () => {
    const config = loadConfig({});
    expect(config.evidenceMaxBytes).toBe(100 * 1024 * 1024);
    expect(config.evidenceTypes).toContain('application/pdf');
    expect(config.evidenceTypes).toContain('text/plain');
  });

  it('takes a limit and a list of types, resolving aliases', () => {
    const config = loadConfig({ TRUCE_EVIDENCE_MAX_BYTES: '65536', TRUCE_EVIDENCE_TYPES: 'image/jpg, image/png,application/pdf,image/png' });
    expect(config.evidenceMaxBytes).toBe(65536);
    expect(config.evidenceTypes).toEqual(['image/jpeg', 'image/png', 'application/pdf']);
  });

  it('stops the start on a bad value, naming the variable', () => {
    expect(() => loadConfig({ TRUCE_EVIDENCE_MAX_BYTES: '10MB' })).toThrow(/TRUCE_EVIDENCE_MAX_BYTES/);
    expect(() => loadConfig({ TRUCE_EVIDENCE_MAX_BYTES: '12' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUCE_EVIDENCE_TYPES: 'image/png,text/html' })).toThrow(/TRUCE_EVIDENCE_TYPES: "text\/html"/);
    expect(() => loadConfig({ TRUCE_EVIDENCE_TYPES: ' , ' })).toThrow(ConfigError);
  });
});
