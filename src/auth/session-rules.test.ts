import { describe, expect, it } from 'vitest';
import { sessionState, shouldTouch, TOUCH_INTERVAL_MS } from './session-rules.ts';

const H = 3_600_000;
const s = { created_at: 0, last_seen_at: 0, expires_at: 12 * H, revoked_at: null };

describe('session rules', () => {
  it('ends a session when idle, at its absolute end, or revoked', () => {
    expect(sessionState(s, H, 2 * H)).toBe('active');
    expect(sessionState(s, 2 * H, 2 * H)).toBe('idle');
    expect(sessionState({ ...s, last_seen_at: 11.5 * H }, 12 * H, 2 * H)).toBe('expired');
    expect(sessionState({ ...s, revoked_at: 5 }, 10, 2 * H)).toBe('revoked');
  });

  it('writes the last use back at most once a minute', () => {
    expect(shouldTouch(0, TOUCH_INTERVAL_MS - 1)).toBe(false);
    expect(shouldTouch(0, TOUCH_INTERVAL_MS)).toBe(true);
  });
});
