/** Names and colours of fire statuses and outcomes (the names come from the server's rules). */
import { FIRE_OUTCOMES, FIRE_STATUSES } from '../../../../src/fires/rules/outcomes.ts';
import type { FireEvent } from '../../api/types.ts';

export { FIRE_OUTCOMES, FIRE_STATUSES };

/** What a fire's state is, in words and colour: the outcome once answered, else its status. */
export function fireState(e: Pick<FireEvent, 'status' | 'outcome'>): {
  text: string;
  color: string;
  tag: 'danger' | 'warning' | 'info' | 'success';
} {
  if (e.status === 'answered' && e.outcome) {
    const text = FIRE_OUTCOMES[e.outcome];
    if (e.outcome === 'burning') return { text, color: '#7f1d1d', tag: 'danger' };
    if (e.outcome === 'industrial') return { text, color: '#475569', tag: 'info' };
    return { text, color: '#15803d', tag: 'success' };
  }
  if (e.status === 'escalated')
    return { text: FIRE_STATUSES.escalated, color: '#dc2626', tag: 'danger' };
  return { text: FIRE_STATUSES.dispatched, color: '#f59e0b', tag: 'warning' };
}

/** The Beijing-time bounds of a month 'YYYY-MM' as UTC ms [from, to). */
export function monthBounds(month: string): { from: number; to: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: Date.UTC(y, m - 1, 1) - 8 * 3_600_000, to: Date.UTC(y, m, 1) - 8 * 3_600_000 };
}

/** The Beijing-time day of the month of an instant. */
export function dayOfMonth(ms: number): number {
  return new Date(ms + 8 * 3_600_000).getUTCDate();
}

/** The month 'YYYY-MM' shifted by n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
