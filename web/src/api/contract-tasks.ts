/**
 * STOP-GAP of the one contract, for the tasks API only. Its read and dispatch routes still answer
 * `200: z.unknown()`; their zod response schemas are being written in src/tasks/ (issue 17). Until
 * they land, the dashboard takes these types from the TypeScript the route handlers return
 * (type-only imports: nothing reaches the bundle, and a changed view still breaks vue-tsc).
 * When src/tasks/schema.ts exports the schemas, replace each line below with
 * `z.output<typeof …Out>` — this file is the only place to change.
 */
import type { z } from 'zod';
import type { LeagueLine as LeagueLineView } from '../../../src/tasks/league-table.ts';
import type { Submitted, UploadOut } from '../../../src/tasks/schema.ts';
import type { RowStatus } from '../../../src/tasks/status-rules.ts';
import type { DepartmentDef } from '../../../src/tasks/task-model.ts';
import type { measureView, reportView, RowView } from '../../../src/tasks/task-views.ts';

/** GET /api/tasks/rows: a row's status. */
export type TaskStatus = RowStatus;
/** One dispatch row (measure × responsible unit) with its status on a day. */
export type TaskRow = RowView;
/** GET /api/tasks/rows (routes-read.ts builds the envelope inline). */
export interface TaskRows {
  plan: string;
  date: string;
  count: number;
  rows: TaskRow[];
}
/** GET /api/tasks/measures: one measure. */
export type TaskMeasure = ReturnType<typeof measureView>;
/** GET /api/tasks/departments: one department with the number of measures it leads. */
export type TaskDepartment = DepartmentDef & { measures: number };
/** GET /api/tasks/reports: one report with its review and attachments. */
export type TaskReport = ReturnType<typeof reportView>;
/** GET /api/tasks/league: one line of the on-time league. */
export type LeagueLine = LeagueLineView & { name: string };
/** GET /api/tasks/league (routes-dispatch.ts builds the envelope inline). */
export interface TaskLeague {
  date: string;
  units: LeagueLine[];
  departments: LeagueLine[];
}
/** POST /api/tasks/uploads (already a zod schema). */
export type TaskUpload = z.output<typeof UploadOut>;
/** POST /api/tasks/reports (already a zod schema). */
export type TaskSubmitted = z.output<typeof Submitted>;
