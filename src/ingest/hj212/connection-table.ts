/**
 * Who may hold a TCP connection to the listener. A connection is *unauthenticated* until it sent
 * a frame with the MN and PW of a registered device. Unauthenticated connections are bounded per
 * remote address (`maxPerAddress`) and in total (`max`); when a bound is reached the OLDEST
 * unauthenticated connection (of that address, or overall) is evicted to make room, so a flood of
 * idle sockets only ever displaces itself: a real logger that connects and sends its first frame
 * at once keeps its place, and an authenticated logger is never evicted. A new connection is
 * refused only when every open connection is authenticated and the total is reached.
 * Authenticated connections do not count against the per-address bound (many loggers may share
 * one carrier-NAT address).
 */

/** What the table needs of a connection. */
export interface TableEntry {
  readonly address: string;
  readonly authenticated: boolean;
}

/** Decision for a new connection from `address`. */
export type Admission<C> =
  | {
      readonly accept: true;
      readonly evict: C | null;
      readonly why: 'per_address' | 'total' | null;
    }
  | { readonly accept: false };

/** Limits of the table. */
export interface ConnectionLimits {
  /** Connections open at once. */
  readonly max: number;
  /** Unauthenticated connections from one remote address. */
  readonly maxPerAddress: number;
}

/** The open connections, indexed for admission and eviction. */
export class ConnectionTable<C extends TableEntry> implements Iterable<C> {
  private readonly open = new Set<C>();
  /** Unauthenticated connections, oldest first (Set keeps insertion order). */
  private readonly pending = new Set<C>();
  private readonly pendingByAddress = new Map<string, Set<C>>();

  constructor(private readonly limits: ConnectionLimits) {}

  get size(): number {
    return this.open.size;
  }

  /** Unauthenticated connections open now. */
  get unauthenticated(): number {
    return this.pending.size;
  }

  /** Remote addresses with unauthenticated connections. */
  get pendingAddresses(): number {
    return this.pendingByAddress.size;
  }

  [Symbol.iterator](): Iterator<C> {
    return this.open[Symbol.iterator]();
  }

  /** Decides about a new connection from `address` (the caller evicts, then adds). */
  admit(address: string): Admission<C> {
    const mine = this.pendingByAddress.get(address);
    if (mine !== undefined && mine.size >= this.limits.maxPerAddress) {
      return { accept: true, evict: first(mine)!, why: 'per_address' };
    }
    if (this.open.size < this.limits.max) return { accept: true, evict: null, why: null };
    const oldest = first(this.pending);
    return oldest === undefined ? { accept: false } : { accept: true, evict: oldest, why: 'total' };
  }

  /** Adds a new (unauthenticated) connection. */
  add(c: C): void {
    this.open.add(c);
    if (!c.authenticated) {
      this.pending.add(c);
      let set = this.pendingByAddress.get(c.address);
      if (set === undefined) this.pendingByAddress.set(c.address, (set = new Set()));
      set.add(c);
    }
  }

  /** A connection proved to be a registered device: it is no longer evictable. */
  authenticated(c: C): void {
    this.unpend(c);
  }

  /** Forgets a connection (closed or evicted); safe to call twice. */
  remove(c: C): void {
    this.open.delete(c);
    this.unpend(c);
  }

  private unpend(c: C): void {
    if (!this.pending.delete(c)) return;
    const set = this.pendingByAddress.get(c.address);
    set?.delete(c);
    if (set?.size === 0) this.pendingByAddress.delete(c.address);
  }
}

function first<T>(s: Set<T>): T | undefined {
  for (const x of s) return x;
  return undefined;
}
