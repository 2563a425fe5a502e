import { describe, expect, it } from 'vitest';
import { decideAccess } from './access-decision.ts';

describe('access decision', () => {
  it('lets anyone call a public route', () => {
    expect(decideAccess({ roles: 'public' }, null)).toBe('allow');
    expect(decideAccess({ roles: 'public' }, { role: 'visitor' })).toBe('allow');
  });

  it('asks for credentials, then for a listed role', () => {
    const a = { roles: ['county', 'department'] } as const;
    expect(decideAccess(a, null)).toBe('unauthenticated');
    expect(decideAccess(a, { role: 'county' })).toBe('allow');
    expect(decideAccess(a, { role: 'enterprise' })).toBe('forbidden');
    expect(decideAccess(a, { role: 'visitor' })).toBe('forbidden');
  });

  it('lets the city office through every roles list', () => {
    expect(decideAccess({ roles: ['enterprise'] }, { role: 'city-admin' })).toBe('allow');
    expect(decideAccess({ roles: [] }, { role: 'city-admin' })).toBe('allow');
  });

  it('treats a route without a declaration as city-office only', () => {
    expect(decideAccess(undefined, null)).toBe('unauthenticated');
    expect(decideAccess(undefined, { role: 'county' })).toBe('forbidden');
    expect(decideAccess(undefined, { role: 'city-admin' })).toBe('allow');
  });
});
