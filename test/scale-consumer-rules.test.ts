/**
 * The pure rules of the roll-up and alerting consumers (docs/scale.md, "Roll-up and alerting
 * consumers"): which recomputed station-days are written, how far back an alarm evaluation
 * looks, what a replay start may be, and the status text with each consumer's lag.
 */
import { describe, expect, it } from 'vitest';
import type { NewStationDaily } from '../src/air/tables.ts';
import { consumerSettingsFromEnv } from '../src/scale/consumer-config.ts';
import { alarmsCovering, MAX_LOOKBACK_HOURS } from '../src/scale/alarm-lookback.ts';
import { changedDailyRows } from '../src/scale/daily-row-diff.ts';
import { replayStart } from '../src/scale/replay-start.ts';
import { streamStatusLines } from '../src/scale/stream-status-text.ts';
import { alarmsConfigFromEnv } from '../src/sources/alarms/alarm-config.ts';

const HOUR = 3_600_000;

function day(station: number, d: string, pm: number | null, at = 1): NewStationDaily {
  return {
    station_id: station,
    day: d,
    so2: 8,
    no2: 30,
    pm10: 80,
    pm2_5: pm,
    co: 0.9,
    o3_1h: null,
    o3_8h: null,
    so2_n: 24,
    no2_n: 24,
    pm10_n: 24,
    pm2_5_n: pm === null ? 0 : 23,
    co_n: 24,
    o3_1h_n: 0,
    o3_8h_n: 0,
    computed_at: at,
  };
}

describe('changedDailyRows', () => {
  it('keeps new and different rows, ignores computed_at', () => {
    const stored = [day(1, '2026-12-01', 35), day(1, '2026-12-02', 40)];
    const recomputed = [
      day(1, '2026-12-01', 35, 99), // same values, later stamp
      day(1, '2026-12-02', null, 99), // a value became null
      day(2, '2026-12-01', 35, 99), // new
    ];
    expect(changedDailyRows(recomputed, stored).map((r) => [r.station_id, r.day])).toEqual([
      [1, '2026-12-02'],
      [2, '2026-12-01'],
    ]);
    expect(changedDailyRows(stored, stored)).toEqual([]);
  });
});

describe('alarmsCovering', () => {
  const cfg = alarmsConfigFromEnv({});
  const now = Date.UTC(2026, 11, 3, 12, 30);
  it('keeps the configured look-back when the batch is recent, widens it for older hours', () => {
    expect(alarmsCovering(cfg, null, now)).toBe(cfg);
    expect(alarmsCovering(cfg, Date.UTC(2026, 11, 3, 2), now)).toBe(cfg);
    expect(alarmsCovering(cfg, Date.UTC(2026, 11, 3, 12) - 100 * HOUR, now).lookbackHours).toBe(
      101,
    );
    expect(alarmsCovering(cfg, now - 90 * 24 * HOUR, now).lookbackHours).toBe(MAX_LOOKBACK_HOURS);
  });
});

describe('replayStart', () => {
  const now = Date.UTC(2026, 11, 3, 12);
  it('reads ISO times with a zone', () => {
    expect(replayStart('2026-12-01T00:00:00+08:00', now).toISOString()).toBe(
      '2026-11-30T16:00:00.000Z',
    );
    expect(replayStart('2026-12-01T08:00Z', now).getTime()).toBe(Date.UTC(2026, 11, 1, 8));
  });
  it.each([
    '2026-12-01T00:00:00',
    '2026-12-01',
    'yesterday',
    '2026-12-04T00:00:00Z',
    '2026-13-01T00:00:00Z',
  ])('refuses %s', (s) => expect(() => replayStart(s, now)).toThrow(/重放起始时间不正确/));
});

describe('streamStatusLines', () => {
  it('shows each consumer with its lag and role', () => {
    const lines = streamStatusLines(
      {
        name: 'LANTIAN_HJ212',
        messages: 120,
        bytes: 245_760,
        firstSeq: 1,
        lastSeq: 120,
        firstTime: '2026-12-03T00:00:00Z',
        lastTime: '2026-12-03T01:00:00Z',
      },
      [
        {
          name: 'lantian-rollup',
          role: 'rollup',
          pending: 20,
          ackPending: 5,
          ackFloor: 95,
          redelivered: 0,
          startTime: '2026-12-01T00:00:00Z',
        },
        {
          name: 'lantian-writer',
          role: 'writer',
          pending: 0,
          ackPending: 0,
          ackFloor: 120,
          redelivered: 3,
          startTime: null,
        },
      ],
    );
    expect(lines).toEqual([
      '流 LANTIAN_HJ212：120 条消息，240.0 KiB，序号 1–120，最早 2026-12-03T00:00:00Z，最新 2026-12-03T01:00:00Z',
      '消费者 lantian-rollup（汇总）：积压 25（未投递 20，已投递未确认 5），确认位置 95，重投 0，自 2026-12-01T00:00:00Z 起重放',
      '消费者 lantian-writer（写入）：积压 0（未投递 0，已投递未确认 0），确认位置 120，重投 3',
    ]);
  });
});

describe('consumer settings', () => {
  it('defaults keep the writer rolling up; a bad value is refused in Chinese', () => {
    const s = consumerSettingsFromEnv({});
    expect(s).toMatchObject({
      writerRollup: true,
      durable: { rollup: 'lantian-rollup', alerts: 'lantian-alerts' },
    });
    expect(consumerSettingsFromEnv({ LANTIAN_WRITER_ROLLUP: 'off' }).writerRollup).toBe(false);
    expect(() => consumerSettingsFromEnv({ LANTIAN_WRITER_ROLLUP: 'no' })).toThrow(
      /LANTIAN_WRITER_ROLLUP：应为 on 或 off/,
    );
  });
});
