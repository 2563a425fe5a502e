/**
 * The role rule of the access hook (pure). A route without an access declaration is treated as
 * city-office only: deny by default, and test/routes-require-roles.test.ts flags the omission.
 * The city office (市大气办) has all rights, so it passes every roles list.
 */
import type { Role, RouteAccess } from '../http/route-access.ts';

/** What the hook does with a request. */
export type AccessDecision = 'allow' | 'unauthenticated' | 'forbidden';

/** The roles a route effectively admits ('public' for anyone). */
export function effectiveRoles(access: RouteAccess | undefined): readonly Role[] | 'public' {
  return access?.roles ?? ['city-admin'];
}

/** Decides a request from the route's declaration and the caller's role (null: nobody signed in). */
export function decideAccess(
  access: RouteAccess | undefined,
  caller: { role: Role } | null,
): AccessDecision {
  const roles = effectiveRoles(access);
  if (roles === 'public') return 'allow';
  if (!caller) return 'unauthenticated';
  if (caller.role === 'city-admin' || roles.includes(caller.role)) return 'allow';
  return 'forbidden';
}
