/**
 * The simulator fleet of the demo's CEMS outlets (`lantian simulate --sources-demo`): one data
 * logger per outlet with the MN and password `demo handan` registered, its industry's profile,
 * -ZsAvg or raw values only, and the plan's faults placed after the simulated start (the base
 * instant is 60 simulated hours after it, so the exceedance run, the flat line and the
 * treatment outage all happen during a run of a few simulated days).
 */
import type { SimDevice } from '../simulator/fleet.ts';
import { DEMO_DEVICE_PASSWORD, faultsAt } from './sources-plan.ts';
import { handanDemoEnterprises } from './sources-demo.ts';

const BASE_AFTER_START_MS = 60 * 3_600_000;

/** The demo's outlets as simulated devices sending 2051 every `intervalS` and 2061 hourly. */
export function sourcesDemoFleet(startMs: number, intervalS: number): SimDevice[] {
  const out: SimDevice[] = [];
  for (const e of handanDemoEnterprises()) {
    for (const o of e.outlets) {
      out.push({
        index: out.length,
        mn: o.mn,
        kind: 'cems',
        st: '31',
        pw: DEMO_DEVICE_PASSWORD,
        edition: '2017',
        crc: 'standard',
        target: o.code,
        name: `${e.name} ${o.name}`,
        intervalS,
        cems: {
          profile: o.profile,
          zsSent: o.zsSent,
          faults: faultsAt(o.faults, startMs + BASE_AFTER_START_MS),
        },
      });
    }
  }
  return out;
}
