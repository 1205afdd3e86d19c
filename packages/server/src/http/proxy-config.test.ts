import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';

describe('sign-in limits and trusted proxies', () => {
  it('trusts no proxy and limits each client to 20 sign-in attempts a minute by default', () => {
    const config = loadConfig({});
    expect(config.trustProxy).toBe(false);
    expect(config.loginClientRateLimit).toBe(20);
  });

  it('takes the proxies as addresses, CIDRs and proxy-addr range names', () => {
    expect(loadConfig({ TRUCE_TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUCE_TRUST_PROXY: ' 10.0.0.0/8, fd00::/8 ,loopback' }).trustProxy).toEqual(['10.0.0.0/8', 'fd00::/8', 'loopback']);
    expect(loadConfig({ TRUCE_LOGIN_CLIENT_RATE_LIMIT: '50' }).loginClientRateLimit).toBe(50);
  });

  it('stops the start on a bad value, naming the variable', () => {
    for (const bad of ['true', '2', 'proxy.example.org', '10.0.0.0/33', '::1/129', '1.2.3.4/8/1', ',']) {
      expect(() => loadConfig({ TRUCE_TRUST_PROXY: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ TRUCE_TRUST_PROXY: bad }), bad).toThrow(/TRUCE_TRUST_PROXY/);
    }
    expect(() => loadConfig({ TRUCE_LOGIN_CLIENT_RATE_LIMIT: '0' })).toThrow(/TRUCE_LOGIN_CLIENT_RATE_LIMIT/);
  });
});
