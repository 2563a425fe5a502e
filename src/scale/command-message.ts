/**
 * The messages of a device command over NATS: the request an API node sends to `<prefix>.<MN>`
 * and the answer of the ingest node that holds the device's connection (the command's log row,
 * or the catalogue error it raised). Pure encoding; no I/O.
 */
import { ERRORS, LantianError, type ErrorCode } from '../errors.ts';
import type { CommandRow } from '../ingest/commands/command-repo.ts';

/** What an API node asks for. */
export interface CommandRequest {
  readonly mn: string;
  readonly name: string;
  readonly params: Readonly<Record<string, string>>;
  readonly actor: string | null;
}

/** What the holding ingest node answers. */
export type CommandReply =
  | { readonly row: CommandRow }
  | { readonly error: { readonly code: string; readonly detail: string | null } };

/** The subject of a device's commands. */
export function commandSubject(prefix: string, mn: string): string {
  return `${prefix}.${mn}`;
}

/** The MN a command subject names, or undefined when it is not one of `prefix`'s. */
export function mnOfSubject(prefix: string, subject: string): string | undefined {
  if (!subject.startsWith(`${prefix}.`)) return undefined;
  const mn = subject.slice(prefix.length + 1);
  return mn === '' || mn.includes('.') ? undefined : mn;
}

/** True for an MN that can be a subject token (NATS forbids '.', '*', '>' and white space). */
export function isSubjectToken(mn: string): boolean {
  return mn !== '' && !/[.*>\s]/.test(mn);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes a request or a reply. */
export function encodeCommand(m: CommandRequest | CommandReply): Uint8Array {
  return encoder.encode(JSON.stringify(m));
}

/** Decodes a request (undefined for anything else). */
export function decodeRequest(data: Uint8Array): CommandRequest | undefined {
  try {
    const m = JSON.parse(decoder.decode(data)) as Partial<CommandRequest>;
    if (typeof m.mn !== 'string' || typeof m.name !== 'string') return undefined;
    if (typeof m.params !== 'object' || m.params === null) return undefined;
    return { mn: m.mn, name: m.name, params: m.params, actor: m.actor ?? null };
  } catch {
    return undefined;
  }
}

/** The reply for an error an ingest node raised while sending. */
export function errorReply(e: unknown): CommandReply {
  return e instanceof LantianError
    ? { error: { code: e.code, detail: e.detail ?? null } }
    : { error: { code: 'LT_ERR_INTERNAL', detail: (e as Error).message } };
}

/** The row of a reply, or the catalogue error it carries (thrown). */
export function rowOfReply(data: Uint8Array): CommandRow {
  const m = JSON.parse(decoder.decode(data)) as CommandReply;
  if ('row' in m) return m.row;
  const code = (m.error.code in ERRORS ? m.error.code : 'LT_ERR_INTERNAL') as ErrorCode;
  throw new LantianError(code, m.error.detail ?? undefined);
}
