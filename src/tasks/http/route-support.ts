/** What every tasks route module shares: its dependencies, roles, the actor and file uploads. */
import type { FastifyRequest } from 'fastify';
import type { BlobStore } from '../../blobs/blob-store.ts';
import { actorOf, requirePrincipal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import type { Role } from '../../http/route-access.ts';
import type { Db } from '../../store/db.ts';
import type { TasksConfig } from '../task-config.ts';
import type { TaskActor } from '../task-context.ts';

/** What the tasks routes are built from. */
export interface TaskRouteDeps {
  db: Db;
  clock: Clock;
  config: TasksConfig;
  blobs: BlobStore;
}

/** Roles taking part in dispatch (the city office passes every list). */
export const PARTICIPANTS: readonly Role[] = ['city-admin', 'department', 'county'];
/** The city office only. */
export const CITY_OFFICE: readonly Role[] = ['city-admin'];
/** OpenAPI tag of every tasks route. */
export const TAGS = ['重点任务调度'];

/** The acting principal of a request. */
export function taskActorOf(req: FastifyRequest): TaskActor {
  return { principal: requirePrincipal(req), ctx: actorOf(req) };
}

/** The single file of a multipart request, read whole; LT_ERR_ATTACHMENT_TOO_LARGE past `max`. */
export async function readUploadedFile(
  req: FastifyRequest,
  max: number,
): Promise<{ filename: string; data: Buffer }> {
  if (!req.isMultipart())
    throw new LantianError('LT_ERR_BAD_REQUEST', '请以 multipart/form-data 上传文件');
  const file = await req.file({ limits: { fileSize: max, files: 1 } });
  if (!file) throw new LantianError('LT_ERR_BAD_REQUEST', '请求中没有文件');
  // Multipart parts are outside the HTTP NUL check (src/http/nul-guard.ts); the name is stored.
  if (file.filename.includes('\0')) throw new LantianError('LT_ERR_NUL_CHARACTER', '上传文件名');
  try {
    return { filename: file.filename, data: await file.toBuffer() };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new LantianError('LT_ERR_ATTACHMENT_TOO_LARGE', `${file.filename}：超过 ${max} 字节`, {
        maxBytes: max,
      });
    throw e;
  }
}
