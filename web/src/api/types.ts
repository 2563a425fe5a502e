/**
 * The dashboard's side of the one contract: every API answer the pages read, as the zod schema the
 * server validates and serializes it with (`z.output`). Type-only imports — nothing of the server
 * reaches the bundle — but a route whose answer changes breaks `vue-tsc` here and in every page
 * that reads the changed field (test/typecheck.test.ts runs it). Never declare an answer by hand:
 * add or change the schema in `src/<domain>/schema.ts` and use it in the route.
 */
import type { z } from 'zod';
import type {
  AssessmentOut,
  DailyAqiDayOut,
  HourlyOut,
  RegionDailyAqiOut,
  RegionOut,
  StationDailyAqiOut,
  StationOut,
} from '../../../src/air/schema.ts';
import type {
  AuditItem as AuditItemOut,
  AuditPageOut,
  RoleEnum,
  SessionOut,
  UserOut,
} from '../../../src/auth/schema.ts';
import type { DeviceOut } from '../../../src/devices/schema.ts';
import type {
  DeviceRecentOut,
  DeviceValueOut,
  IngestStatusOut,
  QuarantinedOut,
  RecentPacketOut,
  RejectionOut,
} from '../../../src/ingest/schema.ts';
import type {
  DataDaysOut,
  OverviewOut,
  StationDayOut,
  UnitOut,
} from '../../../src/overview/schema.ts';
import type {
  NoticeGeneratedOut,
  NoticeViewOut,
  PlanListItemOut,
  PlanProgressOut,
  PlanRankingOut,
  PlanStatusOut,
  RankingRowOut,
  SubjectProgressOut,
} from '../../../src/plan/schema.ts';
import type {
  RejectionOut as TruckRejectionOut,
  TruckListenerOut,
  TruckRecordOut,
  TrucksStatusOut,
  VehicleOut,
  VehicleRecordsOut,
} from '../../../src/trucks/schema.ts';

import type {
  CityComplianceOut,
  ComplianceCalendarOut,
  EnterpriseComplianceOut,
  OutletHoursOut,
} from '../../../src/sources/cems/schema.ts';
import type {
  AlarmDetail as AlarmDetailOut,
  AlarmList as AlarmListOut,
  AlarmOut,
} from '../../../src/sources/alarms/schema.ts';
import type {
  EnterpriseDetail as EnterpriseDetailOut,
  EnterpriseOut,
  EnterprisePage as EnterprisePageOut,
} from '../../../src/sources/registry/schema.ts';
import type { EnterpriseLdarOut, LdarListOut } from '../../../src/sources/ldar/schema.ts';
import type { MeterOut, PowerOut } from '../../../src/sources/power/schema.ts';
import type {
  ForecastBody,
  ForecastDiffOut,
  ForecastGradeOut,
  ForecastImportOut,
  ForecastListOut,
  ForecastVersionOut,
} from '../../../src/warnings/forecasts/schema.ts';
import type {
  ListOut as EmergencyListOut,
  ListsOut as EmergencyListsOut,
  MatrixCellOut,
  MatrixOut,
  OverridesOut,
} from '../../../src/warnings/lists/schema.ts';

export type * from './contract-tasks.ts';

// ---- accounts (src/auth/schema.ts)
export type Role = z.output<typeof RoleEnum>;
export type User = z.output<typeof UserOut>;
export type SessionInfo = z.output<typeof SessionOut>;
export type AuditItem = z.output<typeof AuditItemOut>;
export type AuditPage = z.output<typeof AuditPageOut>;

// ---- air quality (src/air/schema.ts)
export type Region = z.output<typeof RegionOut>;
export type Station = z.output<typeof StationOut>;
export type DailyAqiDay = z.output<typeof DailyAqiDayOut>;
export type RegionDailyAqi = z.output<typeof RegionDailyAqiOut>;
export type StationDailyAqi = z.output<typeof StationDailyAqiOut>;
/** A region's or a station's daily series (what lib/daily.ts reads). */
export type DailyAqiSeries = RegionDailyAqi | StationDailyAqi;
export type HourlySeries = z.output<typeof HourlyOut>;
export type Assessment = z.output<typeof AssessmentOut>;

// ---- 总览 (src/overview/schema.ts)
export type Overview = z.output<typeof OverviewOut>;
export type DataDays = z.output<typeof DataDaysOut>;
export type StationDay = z.output<typeof StationDayOut>;
export type UnitFigures = z.output<typeof UnitOut>;

// ---- devices and ingest (src/devices/schema.ts, src/ingest/schema.ts)
export type Device = z.output<typeof DeviceOut>;
export type DeviceValue = z.output<typeof DeviceValueOut>;
export type RecentPacket = z.output<typeof RecentPacketOut>;
export type DeviceRecent = z.output<typeof DeviceRecentOut>;
export type IngestStatus = z.output<typeof IngestStatusOut>;
export type Rejection = z.output<typeof RejectionOut>;
export type Quarantined = z.output<typeof QuarantinedOut>;

// ---- 目标考核 (src/plan/schema.ts)
export type PlanStatus = z.output<typeof PlanStatusOut>;
export type PlanSummary = z.output<typeof PlanListItemOut>;
export type PlanProgress = z.output<typeof PlanProgressOut>;
export type SubjectProgress = z.output<typeof SubjectProgressOut>;
export type PlanRanking = z.output<typeof PlanRankingOut>;
export type RankingRow = z.output<typeof RankingRowOut>;
export type Notice = z.output<typeof NoticeViewOut>;
export type GeneratedNotice = z.output<typeof NoticeGeneratedOut>;

// ---- 重型柴油车 (src/trucks/schema.ts)
export type Vehicle = z.output<typeof VehicleOut>;
export type TruckRecord = z.output<typeof TruckRecordOut>;
export type VehicleRecords = z.output<typeof VehicleRecordsOut>;
export type TrucksStatus = z.output<typeof TrucksStatusOut>;
export type TruckListener = z.output<typeof TruckListenerOut>;
export type TruckRejection = z.output<typeof TruckRejectionOut>;

// ---- 污染源在线监测与达标 (src/sources/cems/schema.ts)
export type OutletHours = z.output<typeof OutletHoursOut>;
export type EnterpriseCompliance = z.output<typeof EnterpriseComplianceOut>;
export type ComplianceCalendar = z.output<typeof ComplianceCalendarOut>;
export type CityCompliance = z.output<typeof CityComplianceOut>;

// ---- 污染源企业登记 (src/sources/registry/schema.ts)
export type Enterprise = z.output<typeof EnterpriseOut>;
export type EnterprisePage = z.output<typeof EnterprisePageOut>;
export type EnterpriseDetail = z.output<typeof EnterpriseDetailOut>;

// ---- 污染源告警 (src/sources/alarms/schema.ts)
export type Alarm = z.output<typeof AlarmOut>;
export type AlarmList = z.output<typeof AlarmListOut>;
export type AlarmDetail = z.output<typeof AlarmDetailOut>;
// ---- 污染源：分表计电与 LDAR (src/sources/power/schema.ts, src/sources/ldar/schema.ts)
export type PowerMeter = z.output<typeof MeterOut>;
export type EnterprisePower = z.output<typeof PowerOut>;
export type EnterpriseLdar = z.output<typeof EnterpriseLdarOut>;
export type LdarList = z.output<typeof LdarListOut>;

// ---- 重污染应对：预报 (src/warnings/forecasts/schema.ts)
export type ForecastVersion = z.output<typeof ForecastVersionOut>;
export type ForecastList = z.output<typeof ForecastListOut>;
export type ForecastDiff = z.output<typeof ForecastDiffOut>;
export type ForecastGrade = z.output<typeof ForecastGradeOut>;
export type ForecastImport = z.output<typeof ForecastImportOut>;
export type ForecastInputBody = z.input<typeof ForecastBody>;
// ---- 重污染应对：预警过程、通知与确认 (src/warnings/episodes/schema.ts)
import type {
  ActiveList as ActiveListOut,
  EpisodeList as EpisodeListOut,
  EpisodeOut as WarningEpisodeOut,
  PublicList as PublicListOut,
} from '../../../src/warnings/episodes/schema.ts';
export type WarningEpisode = z.output<typeof WarningEpisodeOut>;
export type WarningEpisodeList = z.output<typeof EpisodeListOut>;
export type ActiveWarnings = z.output<typeof ActiveListOut>;
export type PublicWarnings = z.output<typeof PublicListOut>;
// ---- 重污染应对：应急减排清单 (part lists, src/warnings/lists/schema.ts)
export type EmergencyMatrix = z.output<typeof MatrixOut>;
export type EmergencyMatrixCell = z.output<typeof MatrixCellOut>;
export type EmergencyOverrides = z.output<typeof OverridesOut>;
export type EmergencyList = z.output<typeof EmergencyListOut>;
export type EmergencyLists = z.output<typeof EmergencyListsOut>;
// ---- 重污染应对：督查与评估 (src/warnings/compliance/schema.ts, src/warnings/evaluation/schema.ts)
import type {
  ComplianceEpisodeList as ComplianceEpisodeListOut,
  RunResult as ComplianceRunOut,
  ViolationList as ViolationListOut,
  ViolationOut,
} from '../../../src/warnings/compliance/schema.ts';
import type { EpisodeEvaluation as EpisodeEvaluationOut } from '../../../src/warnings/evaluation/schema.ts';
export type WarningViolation = z.output<typeof ViolationOut>;
export type WarningViolationList = z.output<typeof ViolationListOut>;
export type ComplianceRun = z.output<typeof ComplianceRunOut>;
export type ComplianceEpisodes = z.output<typeof ComplianceEpisodeListOut>;
export type EpisodeEvaluation = z.output<typeof EpisodeEvaluationOut>;

// ---- 重型柴油车日指标与判定 (src/trucks/days/day-schema.ts)
import type {
  NetworkedOut,
  RollupGroupOut,
  RollupsOut,
  VehicleDaysOut,
  VehicleJudgementsOut,
} from '../../../src/trucks/days/day-schema.ts';
export type TruckVehicleDays = z.output<typeof VehicleDaysOut>;
export type TruckRollups = z.output<typeof RollupsOut>;
export type TruckRollupGroup = z.output<typeof RollupGroupOut>;
export type TruckVehicleJudgements = z.output<typeof VehicleJudgementsOut>;
export type TruckNetworked = z.output<typeof NetworkedOut>;
// ---- 重型柴油车：车辆查找与单车一日 (src/trucks/track/schema.ts)
import type {
  VehicleHitOut,
  VehicleMinuteOut,
  VehicleMinutesOut,
} from '../../../src/trucks/track/schema.ts';
export type VehicleHit = z.output<typeof VehicleHitOut>;
export type VehicleMinute = z.output<typeof VehicleMinuteOut>;
export type VehicleMinutes = z.output<typeof VehicleMinutesOut>;
export type VehicleJudgements = TruckVehicleJudgements;
export type VehicleJudgement = TruckVehicleJudgements['judgements'][number];
// ---- 举报与曝光台 (src/tipoffs/schema.ts)
import type {
  InboxOut as TipoffInboxOut,
  StatsOut as TipoffStatsOut,
  TipoffDetail as TipoffDetailOut,
  TipoffOut as TipoffItemOut,
} from '../../../src/tipoffs/schema.ts';
export type TipoffInbox = z.output<typeof TipoffInboxOut>;
export type Tipoff = z.output<typeof TipoffItemOut>;
export type TipoffDetail = z.output<typeof TipoffDetailOut>;
export type TipoffStats = z.output<typeof TipoffStatsOut>;
// ---- 门禁台账、统计与保存期限 (src/gates/ledgers/schema.ts)
import type {
  CompletenessOut,
  DailyStatsOut,
  LedgerImportOut,
  LedgerOut,
  RetentionOut,
} from '../../../src/gates/ledgers/schema.ts';
import type { LivePassage } from '../../../src/gates/passage-feed.ts';
export type GateLedger = z.output<typeof LedgerOut>;
export type GateLedgerImport = z.output<typeof LedgerImportOut>;
export type GateDailyStats = z.output<typeof DailyStatsOut>;
export type GateCompleteness = z.output<typeof CompletenessOut>;
export type GateRetention = z.output<typeof RetentionOut>;
export type GateLivePassage = LivePassage;
// ---- 门禁管理 (src/gates/schema.ts)
import type {
  BlacklistEntry as GateBlacklistEntryOut,
  BlacklistOut as GateBlacklistOut,
  GateList as GateListOut,
  GateOut as GateOutSchema,
  GateViolationList as GateViolationListOut,
  GateViolationOut as GateViolationOutSchema,
  GateWithCredential as GateWithCredentialOut,
  RuleList as GateRuleListOut,
  RuleOut as GateRuleOut,
} from '../../../src/gates/schema.ts';
export type Gate = z.output<typeof GateOutSchema>;
export type GateList = z.output<typeof GateListOut>;
export type GateWithCredential = z.output<typeof GateWithCredentialOut>;
export type GateBlacklistEntry = z.output<typeof GateBlacklistEntryOut>;
export type GateBlacklist = z.output<typeof GateBlacklistOut>;
export type GateRule = z.output<typeof GateRuleOut>;
export type GateRuleList = z.output<typeof GateRuleListOut>;
export type GateViolation = z.output<typeof GateViolationOutSchema>;
export type GateViolationList = z.output<typeof GateViolationListOut>;
// ---- 露天焚烧 (src/fires/schema.ts)
import type {
  FireEventDetail as FireEventDetailOut,
  FireEventList as FireEventListOut,
  FireImportOut,
  FireMonthlyOut,
  HotspotImportOut,
} from '../../../src/fires/schema.ts';
export type FireEventList = z.output<typeof FireEventListOut>;
export type FireEvent = FireEventList['items'][number];
export type FireEventDetail = z.output<typeof FireEventDetailOut>;
export type FireMonthly = z.output<typeof FireMonthlyOut>;
export type FireImport = z.output<typeof FireImportOut>;
export type HotspotImport = z.output<typeof HotspotImportOut>;
// ---- 扬尘 (src/dust/schema.ts)
import type {
  AlarmList as DustAlarmListOut,
  DustSourceList as DustSourceListOut,
  FallRanking as DustFallRankingOut,
  InspectionList as DustInspectionListOut,
  Pm10Ranking as DustPm10RankingOut,
  SiteRanking as DustSiteRankingOut,
} from '../../../src/dust/schema.ts';
export type DustSourceList = z.output<typeof DustSourceListOut>;
export type DustSource = DustSourceList['sources'][number];
export type DustFallRanking = z.output<typeof DustFallRankingOut>;
export type DustPm10Ranking = z.output<typeof DustPm10RankingOut>;
export type DustSiteRanking = z.output<typeof DustSiteRankingOut>;
export type DustAlarmList = z.output<typeof DustAlarmListOut>;
export type DustInspectionList = z.output<typeof DustInspectionListOut>;
export type DustInspection = DustInspectionList['inspections'][number];
// ---- 非道路移动机械 (src/machinery/schema.ts)
import type {
  ImportIssue as MachineImportIssueOut,
  ImportOut as MachineImportOut,
  InspectionOut as MachineryInspectionOut,
  MachineOut,
  MachinesOut,
  SitesOut as MachinerySitesOut,
  VerdictOut as MachineryVerdictOut,
  ViolationsOut as MachineryViolationsOut,
  ZonesOut as MachineryZonesOut,
} from '../../../src/machinery/schema.ts';
export type Machine = z.output<typeof MachineOut>;
export type MachineList = z.output<typeof MachinesOut>;
export type MachineImport = z.output<typeof MachineImportOut>;
export type MachineImportIssue = z.output<typeof MachineImportIssueOut>;
export type MachineryInspection = z.output<typeof MachineryInspectionOut>;
export type MachinerySites = z.output<typeof MachinerySitesOut>;
export type MachineryVerdict = z.output<typeof MachineryVerdictOut>;
export type MachineryViolations = z.output<typeof MachineryViolationsOut>;
export type MachineryViolation = MachineryViolations['items'][number];
export type MachineryZones = z.output<typeof MachineryZonesOut>;
// ---- 遥感、黑烟抓拍、路检路查 (src/roadside/schema.ts)
import type {
  DeviceOut as RoadsideDeviceOut,
  DevicesOut as RoadsideDevicesOut,
  DeviceCreatedOut as RoadsideDeviceCreatedOut,
  EventOut as RoadsideEventOut,
  OverStandardOut as RoadsideOverStandardOut,
  RankingOut as RoadsideRankingOut,
  RecordImportOut as RoadsideRecordImportOut,
  InspectionImportOut as RoadsideInspectionImportOut,
  RecordOut as RoadsideRecordOut,
  RecordsOut as RoadsideRecordsOut,
} from '../../../src/roadside/schema.ts';
export type RoadsideDevice = z.output<typeof RoadsideDeviceOut>;
export type RoadsideDevices = z.output<typeof RoadsideDevicesOut>;
export type RoadsideDeviceCreated = z.output<typeof RoadsideDeviceCreatedOut>;
export type RoadsideEvent = z.output<typeof RoadsideEventOut>;
export type RoadsideOverStandard = z.output<typeof RoadsideOverStandardOut>;
export type RoadsideRanking = z.output<typeof RoadsideRankingOut>;
export type RoadsideRecordImport = z.output<typeof RoadsideRecordImportOut>;
export type RoadsideInspectionImport = z.output<typeof RoadsideInspectionImportOut>;
export type RoadsideRecord = z.output<typeof RoadsideRecordOut>;
export type RoadsideRecords = z.output<typeof RoadsideRecordsOut>;
