/**
 * Who may call a route, declared on the route itself:
 *
 *   app.post('/api/devices', { config: { access: { roles: ['city-admin'] } }, schema: … }, handler)
 *
 * The accounts layer (src/auth) enforces the declaration for every route in one hook, so a
 * domain never checks roles by hand; a test enumerates the OpenAPI document and proves that every
 * mutating route declares roles. `public` marks routes anyone may call (sign-in, public air data).
 * Scope (a county sees only its own region) is the service's business, using `request.principal`.
 */
import type {} from 'fastify'; // the module augmented below, in every program that reads this file

/** Roles of Lantian's accounts (issue "Web dashboard, accounts and roles"). */
export type Role = 'city-admin' | 'department' | 'county' | 'enterprise' | 'visitor';

export const ROLES: readonly Role[] = [
  'city-admin',
  'department',
  'county',
  'enterprise',
  'visitor',
];

/** Chinese names of the roles, as the dashboard and CLI show them. */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  'city-admin': '市大气办',
  department: '市直部门',
  county: '县区',
  enterprise: '企业',
  visitor: '访客',
};

/** The access rule of a route. */
export interface RouteAccess {
  /** Roles allowed to call the route, or 'public' for anyone, signed in or not. */
  roles: readonly Role[] | 'public';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
