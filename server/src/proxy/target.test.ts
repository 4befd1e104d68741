import { describe, expect, it } from 'vitest';
import { ProxyError } from './errors.js';
import { ProxyTarget } from './target.js';

const refusal = (target: ProxyTarget, path: string, query = '') => {
  try {
    target.resolve(path, query);
  } catch (error) {
    return error instanceof ProxyError ? `${error.status} ${error.code}` : String(error);
  }
  return 'forwarded';
};

describe('ProxyTarget: the one origin and path prefix a provider API is reached at', () => {
  it('joins the path under the base, whatever its own path, and keeps the query as sent', () => {
    const target = new ProxyTarget('https://api.example.com/gateway/v2');
    expect(target.resolve('crm/objects', 'limit=5&q=%20a').href).toBe('https://api.example.com/gateway/v2/crm/objects?limit=5&q=%20a');
    expect(new ProxyTarget('https://api.example.com').resolve('v1/search', '').href).toBe('https://api.example.com/v1/search');
  });

  it('forwards encoded slashes as they are (an id may contain "/"), but not when they hide ".."', () => {
    const target = new ProxyTarget('https://api.example.com/base');
    expect(target.resolve('v0/app1/Table%2FName', '').pathname).toBe('/base/v0/app1/Table%2FName');
    expect(refusal(target, 'v0/%2e%2e%2F..%2Fother')).toBe('400 BAD_USER_INPUT');
  });

  it('never leaves the base path, however the dot segments are spelled', () => {
    const target = new ProxyTarget('https://api.example.com/base');
    for (const path of ['..', '../x', 'a/../../x', '%2e%2e/x', '.%2E/x', '%252e%252e/x', 'a/..;/x', 'a\\..\\x', './x'])
      expect(refusal(target, path), path).toBe('400 BAD_USER_INPUT');
  });

  it('refuses query strings with characters a request line cannot carry, and overlong ones (414)', () => {
    const target = new ProxyTarget('https://api.example.com');
    expect(refusal(target, 'x', 'a=1#frag')).toBe('400 BAD_USER_INPUT');
    expect(refusal(target, 'x', 'a=1\r\nHost: evil')).toBe('400 BAD_USER_INPUT');
    expect(refusal(target, 'x', `a=${'b'.repeat(9_000)}`)).toBe('414 BAD_USER_INPUT');
  });
});
