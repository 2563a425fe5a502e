/**
 * Small helpers shared by the plan routes: who is calling (from `request.principal`, set by the
 * accounts layer; read structurally so that this domain does not depend on its internals) and the
 * access rules.
 */
import type { FastifyRequest } from 'fastify';
import type { Actor } from './plan-service.ts';

/** Mutating plan routes: the city air office only. */
export const ADMIN = { access: { roles: ['city-admin'] } } as const;
/** Reading routes: the city office, departments and counties (a county reads every unit's ranking). */
export const READERS = { access: { roles: ['city-admin', 'department', 'county'] } } as const;
/** Notice workflow: the city office moves notices; a county answers its own (service checks scope). */
export const NOTICE_MOVERS = { access: { roles: ['city-admin', 'county'] } } as const;

interface PrincipalLike {
  username?: string;
  role?: string;
  regionAdcode?: string;
  via?: string;
  tokenName?: string;
}

/** The caller as far as the plan domain needs it (null when nobody signed in). */
export function callerOf(req: FastifyRequest): PrincipalLike | null {
  return ((req as unknown as { principal?: PrincipalLike | null }).principal ??
    null) as PrincipalLike | null;
}

/** The audit actor of a request (`anonymous` only when no accounts layer is installed). */
export function actorOf(req: FastifyRequest): Actor {
  const p = callerOf(req);
  const actor = !p?.username
    ? 'anonymous'
    : p.via === 'token'
      ? `token:${p.tokenName ?? '?'}@${p.username}`
      : p.username;
  return { actor, ip: req.ip };
}

/** The county a caller is confined to, if any. */
export function countyScope(req: FastifyRequest): string | undefined {
  const p = callerOf(req);
  return p?.role === 'county' ? (p.regionAdcode ?? '000000') : undefined;
}
