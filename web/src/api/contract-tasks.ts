/**
 * The dashboard's side of the one contract for the tasks API: every answer the task pages read, as
 * the zod schema the server validates and serializes it with (`z.output`, src/tasks/response-schema.ts).
 * Type-only imports: nothing of the server reaches the bundle, but a changed route breaks vue-tsc.
 */
import type { z } from 'zod';
import type {
  DepartmentOut,
  DraftOut,
  LeagueLineOut,
  LeagueOut,
  MeasureDetailOut,
  MeasureOut,
  NoticeOut,
  RefreshDayOut,
  RemindersOut,
  ReportOut,
  ReviewOut,
  RowOut,
  RowsOut,
  SheetImportOut,
  Submitted,
  UploadOut,
} from '../../../src/tasks/response-schema.ts';
import type { StatusEnum } from '../../../src/tasks/schema.ts';

/** GET /api/tasks/rows: a row's status. */
export type TaskStatus = z.output<typeof StatusEnum>;
/** One dispatch row (measure × responsible unit) with its status on a day. */
export type TaskRow = z.output<typeof RowOut>;
/** GET /api/tasks/rows. */
export type TaskRows = z.output<typeof RowsOut>;
/** GET /api/tasks/measures: one measure. */
export type TaskMeasure = z.output<typeof MeasureOut>;
/** GET /api/tasks/measures/:number: a measure with its rows. */
export type TaskMeasureDetail = z.output<typeof MeasureDetailOut>;
/** GET /api/tasks/departments: one department with the number of measures it leads. */
export type TaskDepartment = z.output<typeof DepartmentOut>;
/** GET /api/tasks/reports: one report with its review and attachments. */
export type TaskReport = z.output<typeof ReportOut>;
/** GET /api/tasks/league: one line of the on-time league. */
export type LeagueLine = z.output<typeof LeagueLineOut>;
/** GET /api/tasks/league. */
export type TaskLeague = z.output<typeof LeagueOut>;
/** GET /api/tasks/reminders. */
export type TaskReminders = z.output<typeof RemindersOut>;
/** GET /api/tasks/notices: one stored notice. */
export type TaskNotice = z.output<typeof NoticeOut>;
/** GET /api/tasks/notices/draft. */
export type TaskNoticeDraft = z.output<typeof DraftOut>;
/** POST /api/tasks/refresh: one day of the run. */
export type TaskRefreshDay = z.output<typeof RefreshDayOut>;
/** POST /api/tasks/sheet. */
export type TaskSheetImport = z.output<typeof SheetImportOut>;
/** POST /api/tasks/uploads. */
export type TaskUpload = z.output<typeof UploadOut>;
/** POST /api/tasks/reports. */
export type TaskSubmitted = z.output<typeof Submitted>;
/** POST /api/tasks/reports/:id/review. */
export type TaskReview = z.output<typeof ReviewOut>;
