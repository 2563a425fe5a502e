import { describe, expect, it } from 'vitest';
import { csrfTokenProblem, isMutatingMethod, originProblem } from './csrf-check.ts';
import { csrfTokenFor, newSessionId } from './secret-token.ts';

const facts = (origin?: string, secFetchSite?: string, host = 'lantian.example.cn') => ({
  origin,
  secFetchSite,
  host,
});

describe('CSRF rules', () => {
  it('knows which methods change things', () => {
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'post'].every(isMutatingMethod)).toBe(true);
    expect(['GET', 'HEAD', 'OPTIONS'].some(isMutatingMethod)).toBe(false);
  });

  it('trusts the browser’s Sec-Fetch-Site first', () => {
    expect(originProblem(facts(undefined, 'same-origin'), [])).toBeNull();
    expect(originProblem(facts(undefined, 'none'), [])).toBeNull();
    expect(originProblem(facts('https://evil.example', 'cross-site'), [])).toContain('其他站点');
    expect(originProblem(facts(undefined, 'same-site'), [])).toContain('其他站点');
  });

  it('compares Origin with Host when Sec-Fetch-Site is absent', () => {
    expect(originProblem(facts('https://lantian.example.cn'), [])).toBeNull();
    expect(
      originProblem(
        facts('https://lantian.example.cn:443', undefined, 'lantian.example.cn:443'),
        [],
      ),
    ).toBeNull();
    expect(originProblem(facts('http://localhost', undefined, 'localhost:80'), [])).toBeNull();
    expect(
      originProblem(facts('http://localhost:5173', undefined, 'localhost:8080'), []),
    ).not.toBeNull();
    expect(originProblem(facts('https://evil.example'), [])).toContain('其他站点');
    expect(originProblem(facts('null'), [])).not.toBeNull();
  });

  it('lets requests without either header through (curl, the CLI)', () => {
    expect(originProblem(facts(), [])).toBeNull();
  });

  it('accepts configured trusted origins', () => {
    expect(
      originProblem(facts('http://localhost:5173', 'same-site'), ['http://localhost:5173']),
    ).toBeNull();
  });

  it('wants the session’s own CSRF token in the header', () => {
    const sid = newSessionId();
    expect(csrfTokenProblem(sid, csrfTokenFor(sid))).toBeNull();
    expect(csrfTokenProblem(sid, undefined)).toContain('缺少');
    expect(csrfTokenProblem(sid, csrfTokenFor(newSessionId()))).toContain('不正确');
    expect(csrfTokenFor(sid)).not.toContain(sid);
  });
});
