import { describe, expect, it } from 'vitest';
import { ConnectionTable } from './connection-table.ts';

interface C {
  address: string;
  authenticated: boolean;
  id: number;
}
let id = 0;
const conn = (address: string): C => ({ address, authenticated: false, id: id++ });

describe('connection table', () => {
  it('evicts the oldest unauthenticated connection of an address at its bound', () => {
    const t = new ConnectionTable<C>({ max: 100, maxPerAddress: 2 });
    const [a, b] = [conn('10.0.0.1'), conn('10.0.0.1')];
    t.add(a);
    t.add(b);
    expect(t.admit('10.0.0.2')).toEqual({ accept: true, evict: null, why: null });
    expect(t.admit('10.0.0.1')).toEqual({ accept: true, evict: a, why: 'per_address' });
    // Authenticated connections do not count against the per-address bound.
    a.authenticated = true;
    t.authenticated(a);
    expect(t.admit('10.0.0.1')).toEqual({ accept: true, evict: null, why: null });
    expect(t.unauthenticated).toBe(1);
  });

  it('at the total evicts the oldest unauthenticated, and refuses only when all are authenticated', () => {
    const t = new ConnectionTable<C>({ max: 2, maxPerAddress: 10 });
    const [a, b] = [conn('10.0.0.1'), conn('10.0.0.2')];
    t.add(a);
    t.add(b);
    expect(t.admit('10.0.0.3')).toEqual({ accept: true, evict: a, why: 'total' });
    for (const c of [a, b]) {
      c.authenticated = true;
      t.authenticated(c);
    }
    expect(t.admit('10.0.0.3')).toEqual({ accept: false });
    t.remove(a);
    t.remove(a); // twice is harmless
    expect(t.size).toBe(1);
    expect(t.admit('10.0.0.3')).toEqual({ accept: true, evict: null, why: null });
  });
});
