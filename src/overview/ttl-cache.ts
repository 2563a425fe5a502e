/**
 * A small in-memory cache for figures that change at most once a minute: entries live `ttlMs`;
 * one computation per key runs at a time (concurrent callers share it); an expired entry is still
 * served, while one refresh runs in the background, for up to `staleMs` more, so that a busy page
 * never waits for a recomputation. The oldest entries go first beyond `maxEntries`.
 */

/** Options of a TtlCache. */
export interface TtlCacheOptions {
  ttlMs: number;
  /** How long past its expiry an entry may still be served while it is refreshed. */
  staleMs?: number;
  maxEntries?: number;
  /** Monotonic milliseconds (default performance.now). */
  now?: () => number;
}

interface Entry<V> {
  value?: V;
  expires: number;
  pending?: Promise<V>;
}

/** A keyed cache with expiry by time, single-flight computation and stale-while-revalidate. */
export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly ttlMs: number;
  private readonly staleMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(o: TtlCacheOptions) {
    this.ttlMs = o.ttlMs;
    this.staleMs = o.staleMs ?? o.ttlMs * 5;
    this.maxEntries = o.maxEntries ?? 256;
    this.now = o.now ?? (() => performance.now());
  }

  /** The cached value of `key`, computing it with `compute` when missing or expired. */
  async get(key: string, compute: () => Promise<V>): Promise<V> {
    const t = this.now();
    const e = this.entries.get(key);
    if (e && 'value' in e) {
      if (t < e.expires) return e.value as V;
      if (t < e.expires + this.staleMs) {
        if (!e.pending) this.refresh(key, e, compute).catch(() => undefined);
        return e.value as V;
      }
    }
    if (e?.pending) return e.pending;
    return this.refresh(key, e ?? this.insert(key), compute);
  }

  /** Forgets every entry (e.g. after an import). */
  clear(): void {
    this.entries.clear();
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }

  private insert(key: string): Entry<V> {
    const e: Entry<V> = { expires: 0 };
    this.entries.set(key, e);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return e;
  }

  private refresh(key: string, e: Entry<V>, compute: () => Promise<V>): Promise<V> {
    const p = compute().then(
      (value) => {
        e.value = value;
        e.expires = this.now() + this.ttlMs;
        delete e.pending;
        // Re-insert at the end: most recently computed entries are evicted last.
        this.entries.delete(key);
        this.entries.set(key, e);
        return value;
      },
      (err: unknown) => {
        delete e.pending;
        if (!('value' in e)) this.entries.delete(key);
        throw err;
      },
    );
    e.pending = p;
    return p;
  }
}
