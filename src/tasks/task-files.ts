/**
 * Reads a tasks folder (data/plans/<plan>/tasks/): tasks.json, the department registry, the unit
 * groups and one file per campaign. Shape errors are reported with the file and the field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { refuseNul } from '../nul-character.ts';
import type { z } from 'zod';
import { LantianError } from '../errors.ts';
import type { TaskFiles } from './rules/task-plan-compile.ts';
import {
  CampaignFileSchema,
  DepartmentsFileSchema,
  TasksIndexSchema,
  UnitGroupsFileSchema,
} from './task-data-schema.ts';

/** Reads and parses one JSON file against a schema; LT_ERR_TASKS_INVALID on any problem. */
function readJson<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  if (!existsSync(path)) throw new LantianError('LT_ERR_FILE_NOT_FOUND', path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new LantianError('LT_ERR_TASKS_INVALID', `${path}: ${(e as Error).message}`);
  }
  refuseNul(raw, path);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new LantianError('LT_ERR_TASKS_INVALID', `${path}: ${issues.join('；')}`, {
      problems: issues,
    });
  }
  return parsed.data;
}

/** Reads every file of a tasks folder. */
export function readTaskFiles(dir: string): TaskFiles {
  const index = readJson(join(dir, 'tasks.json'), TasksIndexSchema);
  return {
    index,
    departments: readJson(join(dir, index.departments), DepartmentsFileSchema),
    groups: readJson(join(dir, index.unitGroups), UnitGroupsFileSchema),
    campaigns: index.campaigns.map((f) => readJson(join(dir, f), CampaignFileSchema)),
  };
}
