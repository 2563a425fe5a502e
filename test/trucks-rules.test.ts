/**
 * Record rules (standards-mobile-limits.md §2 tampering signs; thresholds UNVERIFIED, so
 * configuration): each flag at and around its threshold, a changed threshold changing the
 * outcome, and the rows built from a decoded frame carrying flags and nulls.
 */
import { describe, expect, it } from 'vitest';
import { decodeFrame, Gb17691Framer, encodeMessage } from '../src/protocols/gb17691/index.ts';
import { streamBlock, VALID_VIN } from '../src/protocols/gb17691/test-frames.ts';
import { messageRows } from '../src/trucks/record-rows.ts';
import { recordFlags, type RecordReadings } from '../src/trucks/rules/record-flags.ts';
import { DEFAULT_TRUCKS_CONFIG, trucksConfigFromEnv } from '../src/trucks/trucks-config.ts';

const rules = DEFAULT_TRUCKS_CONFIG.rules;
const base: RecordReadings = {
  speed: 50,
  rpm: 1400,
  noxUpstream: 600,
  noxDownstream: 40,
  scrInletTemp: 280,
  reagent: 55,
};
const codes = (r: Partial<RecordReadings>, c = rules) =>
  recordFlags({ ...base, ...r }, c).map((f) => f.code);

describe('record flags', () => {
  it('raises nothing for a working SCR', () => {
    expect(codes({})).toEqual([]);
  });

  it('nox_high: downstream NOx above the threshold only while the SCR is warm', () => {
    expect(rules.noxDownstreamMaxPpm).toBe(500);
    expect(codes({ noxUpstream: 2000, noxDownstream: 500 })).toEqual([]);
    expect(codes({ noxUpstream: 2000, noxDownstream: 500.05 })).toEqual(['nox_high']);
    expect(codes({ noxUpstream: 2000, noxDownstream: 900, scrInletTemp: 199 })).toEqual([]);
    const f = recordFlags({ ...base, noxUpstream: 2000, noxDownstream: 612 }, rules)[0]!;
    expect(f.detail).toBe('SCR 下游 NOx 612 ppm 高于 500 ppm（SCR 入口 280 °C）');
    const strict = trucksConfigFromEnv({ LANTIAN_TRUCKS_NOX_MAX_PPM: '100' }).rules;
    expect(codes({ noxDownstream: 150 }, strict)).toEqual(['nox_high']);
  });

  it('scr_no_conversion: downstream ≈ upstream with the SCR inlet warm', () => {
    expect(codes({ noxUpstream: 300, noxDownstream: 240 })).toEqual(['scr_no_conversion']);
    expect(codes({ noxUpstream: 300, noxDownstream: 239.95 })).toEqual([]);
    // Too little upstream NOx to judge, or a cold SCR: no flag.
    expect(codes({ noxUpstream: 99.95, noxDownstream: 99 })).toEqual([]);
    expect(codes({ noxUpstream: 300, noxDownstream: 290, scrInletTemp: 150 })).toEqual([]);
    expect(codes({ noxUpstream: 300, noxDownstream: 290, scrInletTemp: null })).toEqual([]);
  });

  it('reagent_empty: reagent 0 while driving', () => {
    expect(codes({ reagent: 0 })).toEqual(['reagent_empty']);
    expect(codes({ reagent: 0, speed: 4.9 })).toEqual([]);
    expect(codes({ reagent: null })).toEqual([]);
  });

  it('nox_invalid: invalid downstream NOx with the engine running and the SCR warm only', () => {
    expect(codes({ noxDownstream: null })).toEqual(['nox_invalid']);
    expect(codes({ noxDownstream: null, scrInletTemp: 120 })).toEqual([]); // not ready yet
    expect(codes({ noxDownstream: null, rpm: 0 })).toEqual([]);
  });

  it('refuses a threshold that is not a number, with the variable named', () => {
    expect(() => trucksConfigFromEnv({ LANTIAN_TRUCKS_NOX_RATIO: 'much' })).toThrow(
      /LANTIAN_TRUCKS_NOX_RATIO/,
    );
  });
});

describe('record rows of a decoded frame', () => {
  it('carry flags, the rule version and invalid readings as null', () => {
    const t = (k: number) => `2024-05-01T08:30:0${k}+08:00`;
    const frame = encodeMessage({
      kind: 'realtime',
      command: 0x02,
      vin: VALID_VIN,
      layout: 'hj1239',
      sendTime: t(3),
      serial: 1,
      blocks: [
        streamBlock(t(0), null, { scrInletTemp: 300, noxUpstream: 400, noxDownstream: 390 }),
        streamBlock(t(1), null, { scrInletTemp: 300, noxDownstream: null, reagent: 0 }),
        streamBlock(t(2)),
      ],
      signature: null,
    });
    const [f] = new Gb17691Framer().push(frame);
    const d = decodeFrame(f as never);
    if (!d.ok || d.message.kind !== 'realtime') throw new Error('frame not decoded');
    const { rows, untimed } = messageRows(d.message, rules);
    expect(untimed).toBe(0);
    expect(
      rows.map((r) =>
        r.flags === null ? [] : JSON.parse(r.flags).map((x: { code: string }) => x.code),
      ),
    ).toEqual([['scr_no_conversion'], ['reagent_empty', 'nox_invalid'], []]);
    expect(rows.every((r) => r.rule_version === 'trucks-record-1')).toBe(true);
    expect([rows[1]!.nox_downstream, rows[1]!.reagent]).toEqual([null, 0]);
    expect(rows.map((r) => r.seq)).toEqual([0, 0, 0]);
  });
});
