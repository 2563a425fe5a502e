/**
 * Registers the compliance and evaluation routes of the warnings domain with their settings
 * (LANTIAN_COMPLIANCE_*, and the power part's running rules for line states).
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../clock.ts';
import type { RunningRules } from '../../sources/power/rules/meter-state.ts';
import type { Db } from '../../store/db.ts';
import type { ComplianceConfig } from './compliance-config.ts';
import { registerEvaluationRoutes } from '../evaluation/routes.ts';
import { registerComplianceRoutes } from './routes.ts';

/** Registers /api/warnings/violations…, …/compliance/run and …/evaluation(.pdf|.xlsx). */
export function registerComplianceParts(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock; config: ComplianceConfig; rules: RunningRules },
): void {
  registerComplianceRoutes(app, deps);
  registerEvaluationRoutes(app, deps);
}
