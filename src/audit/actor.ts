/**
 * Who did something and from where, as the audit log records it: the one audit-actor type of the
 * server. HTTP handlers get it from `actorOf(request)` (src/auth/principal.ts); the CLI names the
 * local operator; services pass it on to `recordAudit` unchanged.
 */

/** The actor of an audited change. */
export interface ActorContext {
  /** The user name, `token:<name>@<user>` via an API token, or the CLI operator. */
  actor: string;
  /** The client address (null or absent when the change did not come over the network). */
  ip?: string | null;
}
