/** HTTP routes of forwarding platforms (/api/trucks/platforms; city office only). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../auth/principal.ts';
import type { PlatformLiveCounts } from '../live.ts';
import { ADMIN, errors, tags, type TruckRouteDeps } from '../route-support.ts';
import { PlatformCreateBody, PlatformOut, PlatformPatchBody } from '../schema.ts';
import type { PlatformRow } from './platform-repo.ts';
import { changePlatformEnabled, createPlatform, platforms } from './platform-service.ts';

const IdParams = z.object({ id: z.coerce.number().int().describe('平台编号') });

function platformOut(
  p: PlatformRow,
  live: PlatformLiveCounts | undefined,
): z.infer<typeof PlatformOut> {
  return {
    id: p.id,
    name: p.name,
    username: p.username,
    enabled: p.enabled === 1,
    region: p.region_adcode,
    createdBy: p.created_by,
    createdAt: Number(p.created_at),
    lastLoginAt: p.last_login_at === null ? null : Number(p.last_login_at),
    lastLoginPeer: p.last_login_peer,
    live: live
      ? {
          connections: live.connections,
          frames: live.frames,
          vehicles: live.vehicles,
          lastSeen: live.lastSeen,
        }
      : null,
  };
}

/** Registers the forwarding-platform routes. */
export function registerTruckPlatformRoutes(app: FastifyInstance, deps: TruckRouteDeps): void {
  const { db, clock, live } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const liveOf = (id: number) => live?.snapshot().platforms?.find((p) => p.id === id);

  r.get(
    '/api/trucks/platforms',
    {
      config: ADMIN,
      schema: {
        summary: '转发平台列表（含接入服务计数：帧数、车辆数、最近一帧）',
        tags,
        response: { 200: z.array(PlatformOut) },
      },
    },
    async () => (await platforms(db)).map((p) => platformOut(p, liveOf(p.id))),
  );

  r.post(
    '/api/trucks/platforms',
    {
      config: ADMIN,
      schema: {
        summary: '登记转发平台（~~ 平台登入的用户名和密码）',
        tags,
        body: PlatformCreateBody,
        response: { 201: PlatformOut, ...errors },
      },
    },
    async (req, reply) => {
      const p = await createPlatform(db, clock, req.body, actorOf(req));
      return reply.code(201).send(platformOut(p, undefined));
    },
  );

  r.patch(
    '/api/trucks/platforms/:id',
    {
      config: ADMIN,
      schema: {
        summary: '启用或停用转发平台',
        tags,
        params: IdParams,
        body: PlatformPatchBody,
        response: { 200: PlatformOut, ...errors },
      },
    },
    async (req) => {
      const p = await changePlatformEnabled(
        db,
        clock,
        req.params.id,
        req.body.enabled,
        actorOf(req),
      );
      return platformOut(p, liveOf(p.id));
    },
  );
}
