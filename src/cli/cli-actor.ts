/**
 * Who runs the CLI, as the audit log records it: `cli:<operating-system user>` (issue 17: one
 * definition for every command that changes something).
 */
import { userInfo } from 'node:os';
import type { ActorContext } from '../audit/actor.ts';

/** The operating-system user running the CLI, or 'unknown' without a passwd entry (containers). */
export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** The audit actor of a CLI run: `cli:<operating-system user>`, not from the network. */
export function cliActor(): ActorContext {
  return { actor: `cli:${osUser()}`, ip: null };
}
