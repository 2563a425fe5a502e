/**
 * Registers the compliance and evaluation routes of the warnings domain with their settings
 * (LANTIAN_COMPLIANCE_*, and the power part's running rules for line states).
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../clock.ts';
import { loadConfig } from '../../config.ts';
import type { PowerConfig } from '../../sources/power/power-config.ts';
import type { Db } from '../../store/db.ts';
import { registerEvaluationRoutes } from '../evaluation/routes.ts';
import { registerComplianceRoutes } from './routes.ts';

/** Registers /api/warnings/violations…, …/compliance/run and …/evaluation(.pdf|.xlsx). */
export function registerComplianceParts(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock; power?: PowerConfig | undefined },
): void {
  const cfg = loadConfig();
  const rules = (deps.power ?? cfg.power).rules;
  registerComplianceRoutes(app, { db: deps.db, clock: deps.clock, config: cfg.compliance, rules });
  registerEvaluationRoutes(app, { db: deps.db, clock: deps.clock, config: cfg.compliance });
}
