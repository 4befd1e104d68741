import { describe, expect, it } from 'vitest';
import { allowedOriginOf, isAllowedOrigin } from './allowed-origins.js';
import { loadConfig } from './env.js';

const config = loadConfig({ AUTH_MODE: 'open', ALLOWED_ORIGINS: 'https://app.example.com,http://localhost:3000' });

describe('the allowed-origin rule (ALLOWED_ORIGINS), the one every check asks', () => {
  it('allows exactly a listed origin, nothing that merely resembles one', () => {
    expect(isAllowedOrigin(config, 'https://app.example.com')).toBe(true);
    expect(isAllowedOrigin(config, 'http://localhost:3000')).toBe(true);
    for (const near of [
      'https://app.example.com/',
      'https://APP.example.com',
      'http://app.example.com',
      'https://app.example.com:443',
      'https://app.example.com.evil.test',
      'http://localhost:3001',
      'null',
      '',
    ])
      expect(isAllowedOrigin(config, near), near).toBe(false);
    expect(isAllowedOrigin(config, null)).toBe(false);
    expect(isAllowedOrigin(config, undefined)).toBe(false);
  });

  it("reads a URL's origin only for absolute http(s) URLs", () => {
    expect(allowedOriginOf(config, 'https://app.example.com/settings?tab=1#x')).toBe('https://app.example.com');
    expect(allowedOriginOf(config, 'https://APP.example.com:443/x')).toBe('https://app.example.com');
    expect(allowedOriginOf(config, 'https://other.example.com/')).toBeNull();
    // blob: URLs carry the origin of their creator, but are no page to send anyone to.
    expect(allowedOriginOf(config, 'blob:https://app.example.com/0b6e5f3a')).toBeNull();
    expect(allowedOriginOf(config, 'javascript:alert(1)')).toBeNull();
    expect(allowedOriginOf(config, '/relative/path')).toBeNull();
    expect(allowedOriginOf(config, 'not a url')).toBeNull();
  });
});
