// The warning-grading editions as data (docs/warnings.md §1–§2):
// - 2019: 环办大气函〔2019〕648号, grading table as restated identically by three city plans
//   written after it (the text of 648号 itself was not read);
// - 2024: 环大气〔2024〕6号 (MEE, 23 Jan 2024), threshold paragraph quoted identically by five
//   reprints and matched by an independent implementation; response split by pollutant/cause.
import { assertLocalDate } from '../local-date.ts';
import type { Pollutant } from '../pollutants.ts';
import type { Driver, DriverResponse, EpisodeCause, WarningRuleSet } from './rule-set.ts';

/** A warning-grading edition: the 2019 unified rule or the 2024 guidance. */
export type WarningEdition = '2019' | '2024';
/** Every edition, oldest first. */
export const WARNING_EDITIONS: readonly WarningEdition[] = ['2019', '2024'];

/** What an edition is: its document, title, date and rules. */
export interface WarningEditionSpec {
  edition: WarningEdition;
  /** Document number (文号). */
  document: string;
  title: string;
  /** Issue date 'YYYY-MM-DD' (null when not confirmed). */
  issued: string | null;
  rules: WarningRuleSet;
}

/** First day of the 2024 guidance (issued by MEE on 2024-01-23). */
export const EDITION_2024_FROM = '2024-01-23';

const DOC_2019 = '环办大气函〔2019〕648号';
const DOC_2024 = '环大气〔2024〕6号';

const POLLUTANT_DRIVERS: readonly Pollutant[] = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3'];
const CAUSE_DRIVERS: readonly EpisodeCause[] = ['dust', 'fire', 'blowing-dust', 'transboundary'];

/** The same response for every driver. */
function everyDriver(response: DriverResponse): Record<Driver, DriverResponse> {
  const out = { unknown: response } as Record<Driver, DriverResponse>;
  for (const d of [...POLLUTANT_DRIVERS, ...CAUSE_DRIVERS]) out[d] = response;
  return out;
}

// 2019: one response for every pollutant; the grading table makes no pollutant distinction.
const RESPONSES_2019 = everyDriver({
  kind: 'industrial',
  measures: ['industrial-reduction', 'health-advice'],
  source: DOC_2019,
});

// 2024 (6号): PM2.5-caused episodes → Air Law Art. 96 response with measures per the national
// technical guides (coloured warning, performance-graded industrial cuts); O3-caused → health
// advice and routine VOCs/NOx supervision; sand-dust, wildfire, local blowing dust and
// transboundary transport → health advice only (dust-source control as needed).
// SO2/NO2/CO/PM10 without a stated natural cause, and days without a primary pollutant, are
// treated like PM2.5 (anthropogenic; the conservative reading): a forecaster marks dust with
// `cause: 'dust'`.
const INDUSTRIAL_2024: DriverResponse = {
  kind: 'industrial',
  measures: ['industrial-reduction', 'health-advice'],
  source: `${DOC_2024}（细颗粒物污染：分级预警、应急减排）`,
};
const RESPONSES_2024: Record<Driver, DriverResponse> = {
  ...everyDriver(INDUSTRIAL_2024),
  O3: {
    kind: 'advice',
    measures: ['health-advice', 'voc-nox-supervision'],
    source: `${DOC_2024}（臭氧污染：健康提示、加强VOCs和NOx监管）`,
  },
  dust: {
    kind: 'advice',
    measures: ['health-advice', 'dust-control'],
    source: `${DOC_2024}（沙尘：仅健康提示）`,
  },
  'blowing-dust': {
    kind: 'advice',
    measures: ['health-advice', 'dust-control'],
    source: `${DOC_2024}（局地扬尘：仅健康提示）`,
  },
  fire: { kind: 'advice', measures: ['health-advice'], source: `${DOC_2024}（火灾：仅健康提示）` },
  transboundary: {
    kind: 'advice',
    measures: ['health-advice'],
    source: `${DOC_2024}（境外传输：仅健康提示）`,
  },
};

/** The editions' rules. */
export const WARNING_EDITION_SPECS: Readonly<Record<WarningEdition, WarningEditionSpec>> = {
  '2019': {
    edition: '2019',
    document: DOC_2019,
    title: '关于加强重污染天气应对夯实应急减排措施的指导意见',
    issued: null,
    rules: {
      levels: {
        // Yellow: daily AQI > 200 for ≥ 2 days (48 h).
        yellow: [
          {
            id: '2019.yellow',
            allOf: [{ op: '>', aqi: 200, hours: 48 }],
            source: `${DOC_2019} 黄色：日AQI>200持续48小时及以上`,
            verified: true,
          },
        ],
        // Orange: daily AQI > 200 for ≥ 3 days (72 h). No "> 300 once" clause: that belonged to
        // the 2016 Jing-Jin-Ji trial and the 2017 draft.
        orange: [
          {
            id: '2019.orange',
            allOf: [{ op: '>', aqi: 200, hours: 72 }],
            source: `${DOC_2019} 橙色：日AQI>200持续72小时及以上`,
            verified: true,
          },
        ],
        // Red: > 200 for ≥ 4 days (96 h) and > 300 for ≥ 2 days (48 h); or AQI reaches 500.
        // Whether 648号 keeps the 2017 draft's "for 24 h" on the 500 branch is UNVERIFIED; at
        // daily resolution "reaches" and "for 24 h" are the same single day.
        red: [
          {
            id: '2019.red.a',
            allOf: [
              { op: '>', aqi: 200, hours: 96 },
              { op: '>', aqi: 300, hours: 48 },
            ],
            source: `${DOC_2019} 红色：日AQI>200持续96小时及以上且日AQI>300持续48小时及以上`,
            verified: true,
          },
          {
            id: '2019.red.b',
            allOf: [{ op: '>=', aqi: 500, hours: 24 }],
            source: `${DOC_2019} 红色：日AQI达到500`,
            verified: true,
          },
        ],
      },
      responses: RESPONSES_2019,
    },
  },
  '2024': {
    edition: '2024',
    document: DOC_2024,
    title: '关于进一步优化重污染天气应对机制的指导意见',
    issued: EDITION_2024_FROM,
    rules: {
      levels: {
        // Yellow: daily AQI > 200 (one day suffices) or > 150 for ≥ 48 h.
        yellow: [
          {
            id: '2024.yellow.a',
            allOf: [{ op: '>', aqi: 200, hours: 24 }],
            source: `${DOC_2024} 黄色：日AQI>200`,
            verified: true,
          },
          {
            id: '2024.yellow.b',
            allOf: [{ op: '>', aqi: 150, hours: 48 }],
            source: `${DOC_2024} 黄色：日AQI>150持续48小时及以上`,
            verified: true,
          },
        ],
        // Orange: > 200 for ≥ 48 h or > 150 for ≥ 72 h.
        orange: [
          {
            id: '2024.orange.a',
            allOf: [{ op: '>', aqi: 200, hours: 48 }],
            source: `${DOC_2024} 橙色：日AQI>200持续48小时及以上`,
            verified: true,
          },
          {
            id: '2024.orange.b',
            allOf: [{ op: '>', aqi: 150, hours: 72 }],
            source: `${DOC_2024} 橙色：日AQI>150持续72小时及以上`,
            verified: true,
          },
        ],
        // Red: > 200 for ≥ 72 h and > 300 for ≥ 24 h. The text does not mention the 2019
        // "reaches 500" branch (whether dropped on purpose: UNVERIFIED).
        red: [
          {
            id: '2024.red',
            allOf: [
              { op: '>', aqi: 200, hours: 72 },
              { op: '>', aqi: 300, hours: 24 },
            ],
            source: `${DOC_2024} 红色：日AQI>200持续72小时及以上且日AQI>300持续24小时及以上`,
            verified: true,
          },
        ],
      },
      responses: RESPONSES_2024,
    },
  },
};

/**
 * The edition in force on a local date: 2019 before 2024-01-23, 2024 from that date (`from`
 * configurable). A region may pin an edition instead (warning-config.ts).
 */
export function warningEditionFor(date: string, from: string = EDITION_2024_FROM): WarningEdition {
  assertLocalDate(date);
  assertLocalDate(from, '2024 edition start date');
  return date >= from ? '2024' : '2019';
}
