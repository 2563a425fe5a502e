/**
 * The simulated enterprises of `demo handan` (pure, deterministic): the plan's mix of the fifth
 * campaign (data/plans/handan-2020, 五.1–3) — the ultra-low enterprises in seven industries (18
 * steel, 21 coking, 11 coal power, 4 cement, 3 glass, 4 ceramics, 6 with 12 coal boilers: 67,
 * though the plan's text calls them 70), some
 * industrial-kiln and powder-material enterprises — in the counties that host those industries
 * (steel and coke in 武安, 峰峰 and 涉县), each with lines, control facilities, CEMS outlets with
 * their ultra-low limits and an HJ 212 device, and power meters on a line and its treatment.
 * Every name carries 模拟; the credit codes are valid and fictitious (credit-code.ts). A few
 * outlets are given faults (an exceedance run, a flat line, a treatment outage) placed in hours
 * before a base instant, so that supervision has something true to find.
 */
import type { CemsFault } from '../simulator/cems-faults.ts';
import { demoCreditCode } from './credit-code.ts';

/** The seven ultra-low industries of the plan, plus the kiln and powder lists. */
export type DemoSector =
  | 'steel'
  | 'coking'
  | 'power'
  | 'cement'
  | 'glass'
  | 'ceramics'
  | 'coal_boiler'
  | 'kiln'
  | 'powder';

/** A pollutant limit of an outlet, mg/m³ hourly mean at the outlet's reference O2. */
export interface DemoLimit {
  pollutant: string;
  limit: number;
}

/** A fault placed `fromH` hours before the base instant, lasting `hours`. */
export type DemoFault =
  | { kind: 'exceedance'; code: string; factor: number; fromH: number; hours: number }
  | { kind: 'flatline'; code: string; value: number; fromH: number; hours: number }
  | { kind: 'outage'; fromH: number; hours: number };

/** A CEMS outlet (ST=31) and its device. */
export interface DemoOutlet {
  code: string;
  name: string;
  line: string;
  heightM: number;
  /** CemsOutletModel profile (src/simulator/cems-model.ts). */
  profile: string;
  refO2: number;
  limits: DemoLimit[];
  basis: string;
  mn: string;
  /** Whether the logger sends -ZsAvg; false: raw values and O2 only. */
  zsSent: boolean;
  faults: DemoFault[];
}

/** A power meter (分表计电). */
export interface DemoMeter {
  code: string;
  name: string;
  role: 'production' | 'treatment';
  line: string | null;
  facility: string | null;
  /** Power at full load, kW. */
  ratedKw: number;
  runningKw: number;
}

/** One simulated enterprise. */
export interface DemoEnterprise {
  creditCode: string;
  name: string;
  region: string;
  sector: DemoSector;
  /** Industry code of the registry (data/sources/industries.json). */
  industry: string;
  categories: string[];
  grade: string | null;
  lon: number;
  lat: number;
  address: string;
  lines: Array<{ code: string; name: string; process: string; capacity: string }>;
  facilities: Array<{ code: string; name: string; kind: string; line: string }>;
  outlets: DemoOutlet[];
  meters: DemoMeter[];
}

/** Password of the demo's devices (the simulator sends it). */
export const DEMO_DEVICE_PASSWORD = '123456';

/** MN prefix of the demo's devices: "LTE" in hex, then a number. */
const MN_PREFIX = '4C5445';

interface SectorSpec {
  sector: DemoSector;
  word: string;
  industry: string;
  categories: string[];
  /** Counties and how many enterprises each hosts. */
  counties: Array<[string, number]>;
  grades: Array<string | null>;
  /** Lines per enterprise (each with a CEMS outlet when `profile` is set). */
  lines: (n: number) => number;
  process: string;
  capacity: string;
  profile: string | null;
  refO2: number;
  limits: [number, number, number];
  basis: string;
  height: number;
  ratedKw: number;
  /** Industries within the sector, taken in turn (the kiln list's brick, lime, foundry, carbon). */
  variants?: Array<{ industry: string; word: string; process: string }>;
}

const UL_BASIS_STEEL = '环大气〔2019〕35号（钢铁超低排放，烧结机头）';
const UL_BASIS_COKE = '焦化行业超低排放意见（2024，焦炉烟囱）';
const UL_BASIS_POWER = '全面实施燃煤电厂超低排放和节能改造工作方案（2015）';
const UL_BASIS_CEMENT = '水泥行业超低排放意见（2024，窑尾）';
const UL_BASIS_GLASS = 'DB13 平板玻璃大气污染物超低排放标准（2020）';
const UL_BASIS_CERAMICS = 'GB 25464 修改单（窑炉）';
const UL_BASIS_BOILER = 'DB13/5161-2020（燃煤锅炉）';
const UL_BASIS_KILN = '环大气〔2019〕56号（工业炉窑，重点区域）';

/** The mix of the plan (五.1: the itemised ultra-low list; 五.2 kilns; 五.3 powder materials). */
const SECTORS: readonly SectorSpec[] = [
  {
    sector: 'steel',
    word: '钢铁',
    industry: 'long_process_steel',
    categories: ['ultra_low'],
    counties: [
      ['130481', 12],
      ['130406', 2],
      ['130426', 2],
      ['130404', 1],
      ['130408', 1],
    ],
    grades: [
      'A',
      'B',
      'B',
      'B-',
      'C',
      'B',
      'A',
      'C',
      'B',
      'D',
      'B',
      'B-',
      'C',
      'B',
      'A',
      'B',
      'C',
      'B',
    ],
    lines: (n) => (n < 6 ? 2 : 1),
    process: '烧结机',
    capacity: '360 m²',
    profile: '烧结机头',
    refO2: 16,
    limits: [10, 35, 50],
    basis: UL_BASIS_STEEL,
    height: 120,
    ratedKw: 12000,
  },
  {
    sector: 'coking',
    word: '焦化',
    industry: 'coking',
    categories: ['ultra_low', 'voc', 'ldar'],
    counties: [
      ['130481', 8],
      ['130406', 6],
      ['130426', 4],
      ['130427', 3],
    ],
    grades: [
      'A',
      'B',
      'B',
      'C',
      'B',
      'B-',
      'A',
      'B',
      'C',
      'B',
      'C',
      'B',
      'A',
      'B',
      'D',
      'B',
      'C',
      'B',
      'B',
      'A',
      'C',
    ],
    lines: (n) => (n < 7 ? 2 : 1),
    process: '焦炉',
    capacity: '6 m 焦炉 60 孔',
    profile: '焦炉烟囱',
    refO2: 8,
    limits: [10, 30, 150],
    basis: UL_BASIS_COKE,
    height: 100,
    ratedKw: 4000,
  },
  {
    sector: 'power',
    word: '热电',
    industry: 'coal_power',
    categories: ['ultra_low'],
    counties: [
      ['130403', 1],
      ['130404', 1],
      ['130402', 1],
      ['130406', 2],
      ['130481', 2],
      ['130426', 1],
      ['130427', 1],
      ['130425', 1],
      ['130473', 1],
    ],
    grades: Array<null>(11).fill(null),
    lines: () => 2,
    process: '燃煤发电机组',
    capacity: '300 MW',
    profile: '燃煤电厂',
    refO2: 6,
    limits: [10, 35, 50],
    basis: UL_BASIS_POWER,
    height: 210,
    ratedKw: 15000,
  },
  {
    sector: 'cement',
    word: '水泥',
    industry: 'cement',
    categories: ['ultra_low'],
    counties: [
      ['130406', 1],
      ['130481', 2],
      ['130426', 1],
    ],
    grades: ['B', 'C', 'B-', 'C'],
    lines: () => 1,
    process: '新型干法水泥窑',
    capacity: '4500 t/d',
    profile: '水泥窑尾',
    refO2: 10,
    limits: [10, 35, 50],
    basis: UL_BASIS_CEMENT,
    height: 90,
    ratedKw: 8000,
  },
  {
    sector: 'glass',
    word: '玻璃',
    industry: 'glass',
    categories: ['ultra_low'],
    counties: [
      ['130408', 1],
      ['130431', 1],
      ['130430', 1],
    ],
    grades: ['B', 'C', 'C'],
    lines: () => 1,
    process: '玻璃熔窑',
    capacity: '600 t/d',
    profile: '玻璃熔窑',
    refO2: 8,
    limits: [10, 50, 200],
    basis: UL_BASIS_GLASS,
    height: 80,
    ratedKw: 3000,
  },
  {
    sector: 'ceramics',
    word: '陶瓷',
    industry: 'ceramics',
    categories: ['ultra_low', 'kiln'],
    counties: [
      ['130406', 3],
      ['130427', 1],
    ],
    grades: ['B', 'C', 'D', 'C'],
    lines: () => 1,
    process: '辊道窑',
    capacity: '8000 m²/d',
    profile: '陶瓷窑炉',
    refO2: 18,
    limits: [30, 50, 180],
    basis: UL_BASIS_CERAMICS,
    height: 40,
    ratedKw: 1200,
  },
  {
    sector: 'coal_boiler',
    word: '热力',
    industry: 'other',
    categories: ['ultra_low'],
    counties: [
      ['130407', 1],
      ['130424', 1],
      ['130423', 1],
      ['130435', 1],
      ['130432', 1],
      ['130434', 1],
    ],
    grades: Array<null>(6).fill(null),
    lines: () => 2,
    process: '燃煤锅炉',
    capacity: '65 t/h',
    profile: '燃煤锅炉',
    refO2: 9,
    limits: [10, 35, 50],
    basis: UL_BASIS_BOILER,
    height: 60,
    ratedKw: 900,
  },
  {
    sector: 'kiln',
    word: '建材',
    industry: 'brick_tile',
    categories: ['kiln'],
    counties: [
      ['130425', 2],
      ['130423', 1],
      ['130481', 2],
      ['130408', 2],
      ['130433', 1],
    ],
    grades: ['C', 'C', 'D', 'B', 'C', 'D', 'C', 'C'],
    lines: () => 1,
    process: '隧道窑',
    capacity: '6000 万块/年',
    profile: '工业炉窑',
    refO2: 18,
    limits: [30, 200, 300],
    basis: UL_BASIS_KILN,
    height: 30,
    ratedKw: 600,
    variants: [
      { industry: 'brick_tile', word: '砖瓦', process: '隧道窑' },
      { industry: 'lime_kiln', word: '石灰', process: '石灰窑' },
      { industry: 'foundry', word: '铸造', process: '冲天炉' },
      { industry: 'carbon', word: '炭素', process: '焙烧炉' },
    ],
  },
  {
    sector: 'powder',
    word: '石料',
    industry: 'other',
    categories: ['powder'],
    counties: [
      ['130481', 3],
      ['130426', 2],
      ['130406', 2],
      ['130427', 1],
      ['130408', 2],
    ],
    grades: Array<null>(10).fill(null),
    lines: () => 1,
    process: '破碎筛分',
    capacity: '50 万 t/年',
    profile: null,
    refO2: 0,
    limits: [0, 0, 0],
    basis: '',
    height: 0,
    ratedKw: 400,
  },
];

/** Names of the county-level units the demo places enterprises in. */
const COUNTY_NAMES: Readonly<Record<string, string>> = {
  '130402': '邯山区',
  '130403': '丛台区',
  '130404': '复兴区',
  '130406': '峰峰矿区',
  '130407': '肥乡区',
  '130408': '永年区',
  '130423': '临漳县',
  '130424': '成安县',
  '130425': '大名县',
  '130426': '涉县',
  '130427': '磁县',
  '130430': '邱县',
  '130431': '鸡泽县',
  '130432': '广平县',
  '130433': '馆陶县',
  '130434': '魏县',
  '130435': '曲周县',
  '130473': '冀南新区',
  '130481': '武安市',
};

/** Pollutants every demo CEMS outlet reports (HJ 212 codes): dust, SO2, NOx. */
const LIMITED = ['a34013', 'a21026', 'a21002'] as const;

/** The faults of the demo, by enterprise (sector, number) and outlet number. */
const FAULTS: ReadonlyArray<{ sector: DemoSector; n: number; outlet: number; fault: DemoFault }> = [
  // A denitration trip at a coke oven: NOx over its limit for 6 hours, yesterday.
  {
    sector: 'coking',
    n: 2,
    outlet: 0,
    fault: { kind: 'exceedance', code: 'a21002', factor: 2.4, fromH: 30, hours: 6 },
  },
  // A desulphurisation upset at a sinter machine: SO2 over for 4 hours, three days ago.
  {
    sector: 'steel',
    n: 4,
    outlet: 0,
    fault: { kind: 'exceedance', code: 'a21026', factor: 2.6, fromH: 76, hours: 4 },
  },
  // A ceramics kiln over its NOx limit for long stretches: not stably ultra-low this month.
  {
    sector: 'ceramics',
    n: 2,
    outlet: 0,
    fault: { kind: 'exceedance', code: 'a21002', factor: 3, fromH: 200, hours: 40 },
  },
  // A frozen SO2 analyser at a power unit: the same value for 10 hours.
  {
    sector: 'power',
    n: 3,
    outlet: 1,
    fault: { kind: 'flatline', code: 'a21026', value: 18.5, fromH: 22, hours: 10 },
  },
  // A cement kiln runs with its treatment off for 5 hours (the power meters show it).
  { sector: 'cement', n: 1, outlet: 0, fault: { kind: 'outage', fromH: 40, hours: 5 } },
];

function outletFaults(sector: DemoSector, n: number, outlet: number): DemoFault[] {
  return FAULTS.filter((f) => f.sector === sector && f.n === n && f.outlet === outlet).map(
    (f) => f.fault,
  );
}

/** Absolute faults for the simulator, the demo's hours ending at `baseMs`. */
export function faultsAt(faults: readonly DemoFault[], baseMs: number): CemsFault[] {
  return faults.map((f) => {
    const fromMs = baseMs - f.fromH * 3_600_000;
    const toMs = fromMs + f.hours * 3_600_000;
    return f.kind === 'outage' ? { kind: 'outage', fromMs, toMs } : { ...f, fromMs, toMs };
  });
}

/** Position of an enterprise, supplied by the caller (a point inside its county). */
export type PlaceEnterprise = (adcode: string, index: number) => [number, number];

function enterpriseOf(
  s: SectorSpec,
  n: number,
  region: string,
  serial: number,
  place: PlaceEnterprise,
  mnNext: () => string,
): DemoEnterprise {
  const county = COUNTY_NAMES[region]!;
  const v = s.variants?.[n % s.variants.length] ?? {
    industry: s.industry,
    word: s.word,
    process: s.process,
  };
  const no = String(n + 1).padStart(2, '0');
  const [lon, lat] = place(region, serial);
  const lineCount = s.lines(n);
  const lines = Array.from({ length: lineCount }, (_, i) => ({
    code: `L${i + 1}`,
    name: `${i + 1}号${v.process}`,
    process: v.process,
    capacity: s.capacity,
  }));
  const facilities = lines.flatMap((l, i) =>
    s.profile === null
      ? [{ code: `F${i + 1}`, name: `${l.name}布袋除尘`, kind: 'dust', line: l.code }]
      : [
          { code: `F${i + 1}S`, name: `${l.name}脱硫设施`, kind: 'desulphurisation', line: l.code },
          { code: `F${i + 1}N`, name: `${l.name}脱硝设施`, kind: 'denitration', line: l.code },
          { code: `F${i + 1}D`, name: `${l.name}除尘设施`, kind: 'dust', line: l.code },
        ],
  );
  const creditCode = demoCreditCode(region, serial);
  const outlets: DemoOutlet[] =
    s.profile === null
      ? []
      : lines.map((l, i) => ({
          code: `${creditCode.slice(8, 16)}DA${String(i + 1).padStart(3, '0')}`,
          name: `${l.name}排放口`,
          line: l.code,
          heightM: s.height,
          profile: s.profile!,
          refO2: s.refO2,
          limits: LIMITED.map((p, k) => ({ pollutant: p, limit: s.limits[k]! })),
          basis: s.basis,
          mn: mnNext(),
          zsSent: (serial + i) % 4 !== 0,
          faults: outletFaults(s.sector, n, i),
        }));
  const meters: DemoMeter[] = [
    {
      code: 'M1',
      name: `${lines[0]!.name}生产用电`,
      role: 'production',
      line: lines[0]!.code,
      facility: null,
      ratedKw: s.ratedKw,
      runningKw: Math.round(s.ratedKw * 0.2),
    },
    {
      code: 'M2',
      name: `${facilities[0]!.name}用电`,
      role: 'treatment',
      line: null,
      facility: facilities[0]!.code,
      ratedKw: Math.round(s.ratedKw * 0.12),
      runningKw: Math.round(s.ratedKw * 0.12 * 0.3),
    },
  ];
  return {
    creditCode,
    name: `${county}模拟${v.word}${no}有限公司`,
    region,
    sector: s.sector,
    industry: v.industry,
    categories: s.categories,
    grade: s.grades[n] ?? null,
    lon,
    lat,
    address: `邯郸市${county}（模拟地址）`,
    lines,
    facilities,
    outlets,
    meters,
  };
}

/** Every simulated enterprise, in a fixed order (sector, then county). */
export function demoEnterprises(place: PlaceEnterprise): DemoEnterprise[] {
  const out: DemoEnterprise[] = [];
  let serial = 0;
  let mn = 0;
  const mnNext = () => MN_PREFIX + String(++mn).padStart(24 - MN_PREFIX.length, '0');
  for (const s of SECTORS) {
    let n = 0;
    for (const [region, count] of s.counties) {
      for (let k = 0; k < count; k++) {
        serial++;
        out.push(enterpriseOf(s, n, region, serial, place, mnNext));
        n++;
      }
    }
  }
  return out;
}
