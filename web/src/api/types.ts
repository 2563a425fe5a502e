/** Shapes of the API answers the dashboard reads (mirrors the zod schemas in src/). */

export type Role = 'city-admin' | 'department' | 'county' | 'enterprise' | 'visitor';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role | string;
  roleName: string;
  regionAdcode: string | null;
  department: string | null;
  enterprise: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: number;
  updatedAt: number;
  passwordChangedAt: number;
}

export interface SessionInfo {
  user: User;
  via: 'session' | 'token';
  csrfToken: string | null;
  expiresAt: number | null;
}

export interface Region {
  adcode: string;
  name: string;
  parentAdcode: string | null;
  level: string;
  timeZone: string;
}

export interface Station {
  code: string;
  name: string;
  regionAdcode: string;
  kind: string;
  role: string;
  lon: number | null;
  lat: number | null;
  pollutants: string[];
}

export interface DailyAqiDay {
  date: string;
  edition: string;
  aqi: number | null;
  level: number | null;
  category: string | null;
  color: string | null;
  primary: string[];
  complete: boolean;
  iaqi: Record<string, number | null>;
  concentrations: Record<string, number | null | undefined>;
}

export interface DailyAqiSeries {
  region?: { adcode: string; name: string };
  station?: { code: string; name: string };
  from: string;
  to: string;
  stations?: string[];
  days: DailyAqiDay[];
  /** The figures rest on simulated data (模拟数据). */
  simulated: boolean;
}

export interface HourlySeries {
  station: { code: string; name: string };
  from: string;
  to: string;
  timeZone: string;
  hourConvention: 'start';
  units: { CO: string; other: string };
  series: Record<string, Array<{ time: string; hour: number; value: number; flag: string | null }>>;
  /** The figures rest on simulated data (模拟数据). */
  simulated: boolean;
}

export type Figures = Record<string, Record<string, number | null>>;

export interface Assessment {
  region: { adcode: string; name: string };
  from: string;
  to: string;
  edition: { aqi: string; assessment: string; limits: string; compositeIndex: string };
  stations: string[];
  pollutants: Figures;
  exact: Figures;
  validDays: Record<string, number>;
  days: {
    total: number;
    valid: number;
    good: number;
    goodRate: number | null;
    heavy: number;
    byLevel: Record<string, number>;
  };
  compositeIndex: number | null;
  attainment: { meets: boolean | null; byPollutant: Record<string, boolean | null> };
  countRule: { meets: boolean };
  /** The figures rest on simulated data (模拟数据). */
  simulated: boolean;
}

export interface DayAqi {
  date: string;
  edition: string;
  aqi: number | null;
  level: number | null;
  category: string | null;
  color: string | null;
  primary: string[];
  complete: boolean;
  pm25: number | null;
}

export interface RealtimeAqi {
  hour: number;
  edition: string;
  aqi: number | null;
  level: number | null;
  category: string | null;
  color: string | null;
  primary: string[];
  complete: boolean;
  stations: number;
}

export interface PeriodSoFar {
  from: string;
  to: string;
  pm25: number | null;
  pm25Exact: number | null;
  pm25ValidDays: number;
  validDays: number;
  goodDays: number;
  goodRate: number | null;
  heavyDays: number;
}

export interface UnitFigures {
  adcode: string;
  name: string;
  level: string;
  stations: number;
  position: { lon: number; lat: number } | null;
  today: DayAqi | null;
  realtime: RealtimeAqi | null;
  yearToDate: PeriodSoFar | null;
  lastYear: PeriodSoFar | null;
  pm25Change: number | null;
}

export interface PlanSubjectSummary {
  key: string;
  name: string;
  kind: string;
  status: string;
  pm25: { soFar: number | null; target: number | null; projected: number | null; status: string };
  goodDays: {
    soFar: number;
    ratePct: number | null;
    target: number | null;
    targetRatePct: number | null;
    expectedByPace: number | null;
    projected: number | null;
    status: string;
  };
  heavyDays: { used: number; ceiling: number | null; status: string };
}

export interface OverviewPlan {
  id: string;
  name: string;
  year: number;
  version: number;
  asOf: string;
  pace: { share: number; elapsedDays: number; remainingDays: number };
  city: PlanSubjectSummary | null;
  units: PlanSubjectSummary[];
  counts: Record<string, number>;
}

export interface Overview {
  region: { adcode: string; name: string; level: string; timeZone: string };
  date: string;
  today: string;
  latestDataDate: string | null;
  editions: { aqi: string; assessment: string; limits: string };
  city: UnitFigures;
  units: UnitFigures[];
  plan: OverviewPlan | null;
  /** The figures rest on simulated data (模拟数据). */
  simulated: boolean;
  generatedAt: number;
}

export interface AuditItem {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
  ip: string | null;
}

export interface Device {
  mn: string;
  name: string | null;
  kind: string;
  target: string;
  edition: string;
  crc: string;
  intervalS: number;
  aliases: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  lastPacketAt: number | null;
  lastCn: string | null;
  packets: number;
}

export interface DeviceStatus {
  mn: string;
  name: string | null;
  kind: string;
  target: string;
  connected: boolean;
  peer: string | null;
  lastPacketAt: number | null;
  lastCn: string | null;
  packets: number;
  rejected: number;
  intervalS: number;
  silent: boolean;
  silentForS: number | null;
}

export interface IngestStatus {
  running: boolean;
  host: string;
  port: number;
  startedAt: number;
  now: number;
  connections: { open: number; max: number; paused: number; refused: number };
  totals: {
    packets: number;
    values: number;
    acks: number;
    rejected: number;
    quarantined: number;
    rejectedBy: Record<string, number>;
  };
  ackLatencyMs: { samples: number; p50: number | null; p99: number | null; max: number | null };
  perMinute: Array<{
    minute: number;
    packets: number;
    values: number;
    acks: number;
    rejected: Record<string, number>;
  }>;
  devices: { registered: number; connected: number; silent: number; list: DeviceStatus[] };
}

export interface Rejection {
  at: number;
  peer: string;
  mn: string | null;
  reason: string;
  detail: string;
  raw: string;
}

export interface RecentPacket {
  at: number;
  peer: string;
  cn: string;
  qn: string | null;
  dataTime: string | null;
  status: string;
  values: number;
}

export interface DeviceValue {
  cn: string;
  code: string;
  dataTime: number;
  rtd: number | null;
  avg: number | null;
  min: number | null;
  max: number | null;
  flag: string | null;
  receivedAt: number;
}

export type PlanStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_target' | 'no_data';

export interface PlanSummary {
  id: string;
  name: string;
  cityAdcode: string;
  year: number;
}

export interface PeriodFigures {
  from: string;
  to: string;
  hasData: boolean;
  totalDays: number;
  validDays: number;
  pm25Days: number;
  pm25: number | null;
  pm25Exact: number | null;
  pm10: number | null;
  so2: number | null;
  no2: number | null;
  co: number | null;
  o3: number | null;
  compositeIndex: number | null;
  goodDays: number;
  goodRatePct: number | null;
  heavyDays: number;
  countRuleMet: boolean;
}

export interface SubjectProgress {
  key: string;
  kind: 'city' | 'main-city' | 'unit';
  name: string;
  state: 'ok' | 'no_station' | 'no_data';
  stations: string[];
  ytd: PeriodFigures;
  lastYearSamePeriod: PeriodFigures;
  lastYear: PeriodFigures;
  target: {
    pm25: number | null;
    goodDays: number | null;
    goodRatePct: number | null;
    heavyDays: number | null;
    pm25ReductionPct?: number | null;
  };
  pm25: {
    soFar: number | null;
    target: number | null;
    lastYearSamePeriod: number | null;
    changePct: number | null;
    requiredChangePct: number | null;
    baseline: number | null;
    baselineSource: string | null;
    projected: number | null;
    status: PlanStatus;
  };
  goodDays: {
    soFar: number;
    ratePct: number | null;
    target: number | null;
    targetRatePct: number | null;
    expectedByPace: number | null;
    projected: number | null;
    status: PlanStatus;
  };
  heavyDays: {
    used: number;
    ceiling: number | null;
    expectedByPace: number | null;
    projected: number | null;
    status: PlanStatus;
  };
  primaryMethod: string | null;
  status: PlanStatus;
}

export interface PlanProgress {
  plan: { id: string; name: string; version: number; versionStatus: string; year: number };
  asOf: string;
  pace: {
    year: number;
    asOf: string;
    elapsedDays: number;
    remainingDays: number;
    yearDays: number;
    share: number;
  };
  subjects: SubjectProgress[];
  /** The figures rest on simulated data (模拟数据). */
  simulated: boolean;
}

export interface RankingRow {
  adcode: string;
  name: string;
  state: string;
  stations: string[];
  figures: PeriodFigures;
  previous: PeriodFigures;
  ranks: {
    adcode: string;
    compositeIndex: number | null;
    pm25: number | null;
    goodRate: number | null;
    compositeChange: number | null;
    pm25Change: number | null;
    compositeChangePct: number | null;
    pm25ChangePct: number | null;
    fromBottom: number | null;
    bottom: boolean;
  };
  pm25Category: { name: string; color: string } | null;
}

export interface PlanRanking {
  plan: { id: string; name: string; version: number; versionStatus: string; year: number };
  period: { kind: string; label: string; title: string; year: number; from: string; to: string };
  previousPeriod: { label: string; title: string; from: string; to: string };
  bottomCount: number;
  rows: RankingRow[];
  references: Array<{
    key: string;
    name: string;
    stations: string[];
    figures: PeriodFigures;
    previous: PeriodFigures;
  }>;
  /** The figures rest on simulated data (模拟数据). */
  simulated: boolean;
}

export interface Notice {
  id: number;
  planId: string;
  planVersion: number;
  kind: 'warning_letter' | 'summons' | 'bulletin';
  unitAdcode: string;
  period: string;
  status: 'draft' | 'reviewed' | 'issued' | 'responded';
  title: string;
  body: string;
  facts: unknown;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  reviewedAt: number | null;
  issuedAt: number | null;
  respondedAt: number | null;
  respondedBy: string | null;
  response: string | null;
}

export type TaskStatus = 'not_started' | 'on_track' | 'behind' | 'overdue' | 'done';

export interface TaskRow {
  number: string;
  title: string;
  campaign: string;
  unit: string;
  unitName: string;
  departments: string[];
  date: string;
  status: TaskStatus;
  statusName: string;
  targets: Array<{
    id: string;
    metric: string;
    unit: string;
    goal: number;
    basis: string;
    value: number | null;
    expected: number | null;
    ratio: number | null;
    behind: boolean;
  }>;
  milestones: Array<{
    id: string;
    date: string;
    label: string;
    implicit: boolean;
    targetId: string | null;
    due: number | null;
    state: string;
    metAt: number | null;
  }>;
  checklist: string[];
  report: { id: number; version: number; reportedAt: number; review: string | null } | null;
}

export interface TaskMeasure {
  number: string;
  parent: string | null;
  campaign: string;
  campaignTitle: string;
  title: string;
  text: string;
  leaf: boolean;
  departments: string[];
  units: Array<{ adcode: string; name: string }>;
}

export interface TaskDepartment {
  code: string;
  name: string;
  measures: number;
  [k: string]: unknown;
}

export interface TaskUpload {
  id: number;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: number;
}

export interface TaskReport {
  id: number;
  number: string;
  unit: string;
  unitName: string;
  version: number;
  correctsId: number | null;
  values: Record<string, number>;
  checklist: string[];
  narrative: string;
  reporter: string;
  reporterRole: string;
  source: string;
  reportedAt: number;
  review: {
    decision: string;
    decisionName: string;
    comment: string;
    reviewer: string;
    reviewedAt: number;
  } | null;
  attachments: TaskUpload[];
}

export interface LeagueLine {
  kind: 'unit' | 'department';
  id: string;
  due: number;
  onTime: number;
  late: number;
  missed: number;
  done: number;
  rows: number;
  rate: number | null;
  rank: number | null;
}
