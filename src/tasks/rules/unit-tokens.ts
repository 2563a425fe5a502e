/**
 * Unit tokens of the task files (pure): 全市 (the city-level row), 各县 (every unit of the plan's
 * annex), a group name from unit-groups.json, an adcode, or 其他:<group>[+<group>…] (every unit
 * except those groups, for the plan's "其他县（市、区）").
 */

/** What the tokens are resolved against. */
export interface UnitUniverse {
  cityAdcode: string;
  /** The plan's county-level units in the annex's order. */
  counties: readonly string[];
  groups: ReadonlyMap<string, readonly string[]>;
}

/** The adcodes a token stands for; throws an Error naming the token when it is unknown. */
export function expandUnitToken(token: string, u: UnitUniverse): string[] {
  const t = token.trim();
  if (t === '全市') return [u.cityAdcode];
  if (t === '各县') return [...u.counties];
  if (t.startsWith('其他:')) {
    const out = new Set<string>();
    for (const g of t.slice(3).split('+')) for (const a of expandUnitToken(g, u)) out.add(a);
    return u.counties.filter((c) => !out.has(c));
  }
  const group = u.groups.get(t);
  if (group) return [...group];
  if (/^\d{6}$/.test(t) && (t === u.cityAdcode || u.counties.includes(t))) return [t];
  throw new Error(`未知的单位或分组 "${t}"`);
}

/** The adcodes of several tokens, without repeats, city first, then in the annex's order. */
export function expandUnitTokens(tokens: readonly string[], u: UnitUniverse): string[] {
  const set = new Set(tokens.flatMap((t) => expandUnitToken(t, u)));
  return [u.cityAdcode, ...u.counties].filter((a) => set.has(a));
}
