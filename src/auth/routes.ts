/** Registers every HTTP route of the accounts layer: sign-in, users, tokens and the audit log. */
import type { FastifyInstance } from 'fastify';
import { registerAuditRoutes } from './audit-routes.ts';
import { registerAuthRoutes, type AuthRouteDeps } from './auth-routes.ts';
import { registerTokenRoutes } from './token-routes.ts';
import { registerUserRoutes } from './user-routes.ts';

/** Registers /api/auth, /api/users, /api/tokens and /api/audit. */
export function registerAccountRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  registerAuthRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerTokenRoutes(app, deps);
  registerAuditRoutes(app, deps);
}
