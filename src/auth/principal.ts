/**
 * Who is calling: set on every request by the access hook (null when nobody signed in). Services
 * decide scope from it (scope.ts); handlers of non-public routes get it with `requirePrincipal`.
 */
import type { FastifyRequest } from 'fastify';
import type { ActorContext } from '../audit/actor.ts';
import { LantianError } from '../errors.ts';
import type { Role } from '../http/route-access.ts';

/** A signed-in user as the API sees them. */
export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  /** County users: their region's adcode. */
  regionAdcode?: string;
  /** Department users: their department. */
  department?: string;
  /** Enterprise users: their enterprise's id or code. */
  enterprise?: string;
  /** How the request proved it: a session cookie or an API token. */
  via: 'session' | 'token';
  /** The name of the API token, when via a token. */
  tokenName?: string;
  /** The user must change an initial password before doing anything else. */
  mustChangePassword: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, or null when nobody signed in (public routes only). */
    principal: Principal | null;
  }
}

/** The caller of a route that requires a role (the access hook guarantees one). */
export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new LantianError('LT_ERR_UNAUTHENTICATED');
  return req.principal;
}

/** The audit log's actor for a principal: the user name, or `token:<name>@<user>` via a token. */
export function auditActor(p: Principal): string {
  return p.via === 'token' ? `token:${p.tokenName ?? '?'}@${p.username}` : p.username;
}

/** The audit context of a request by a signed-in caller. */
export function actorOf(req: FastifyRequest): ActorContext {
  return { actor: auditActor(requirePrincipal(req)), ip: req.ip };
}
