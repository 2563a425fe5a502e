/** HTTP routes of the downlink: a device's command log, and sending a command. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../audit/audit-log.ts';
import { actorOf, requirePrincipal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { findDevice } from '../../devices/device-repo.ts';
import { assertDeviceScope } from '../../devices/device-scope.ts';
import { ErrorBody } from '../../http/error-body.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import type { Hj212Ingest } from '../hj212/server.ts';
import type { CommandRow } from './command-repo.ts';
import { deviceCommands, queueCommand } from './command-service.ts';
import { CommandBody, CommandOut } from './schema.ts';

/** What the command routes are built from. */
export interface CommandRouteDeps {
  db: Db;
  clock: Clock;
  /** The running listener (absent: commands are queued for the listener's process). */
  ingest?: Pick<Hj212Ingest, 'command' | 'commands'> | undefined;
}

const tags = ['设备接入'];
const ADMIN = { access: { roles: ['city-admin'] } } as const;
const READ = { access: { roles: ['city-admin', 'department', 'county'] } } as const;
const MnParams = z.object({ mn: z.string().describe('设备 MN') });
const errors = { 400: ErrorBody, 404: ErrorBody };

/** A command row as the API shows it. */
export function commandOut(r: CommandRow): z.infer<typeof CommandOut> {
  return {
    id: r.id,
    mn: r.mn,
    cn: r.cn,
    qn: r.qn,
    params: JSON.parse(r.params) as Record<string, string>,
    origin: r.origin,
    actor: r.actor,
    status: r.status,
    createdAt: Number(r.created_at),
    sentAt: r.sent_at === null ? null : Number(r.sent_at),
    answeredAt: r.answered_at === null ? null : Number(r.answered_at),
    answer: r.answer === null ? null : (JSON.parse(r.answer) as Record<string, string | number>),
    detail: r.detail,
  };
}

/** Registers /api/devices/:mn/commands. */
export function registerCommandRoutes(app: FastifyInstance, deps: CommandRouteDeps): void {
  const { db, clock, ingest } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/devices/:mn/commands',
    {
      config: READ,
      schema: {
        summary: '设备的下行命令记录（最新在前）',
        tags,
        params: MnParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: z.array(CommandOut), ...errors },
      },
    },
    async (req) => {
      const d = await findDevice(db.kysely, req.params.mn);
      if (!d) throw new LantianError('LT_ERR_DEVICE_NOT_FOUND', req.params.mn);
      await assertDeviceScope(db, requirePrincipal(req), d);
      const rows = ingest
        ? await ingest.commands(d.mn, req.query.limit)
        : await deviceCommands(db, d.mn, req.query.limit);
      return rows.map(commandOut);
    },
  );

  r.post(
    '/api/devices/:mn/commands',
    {
      config: ADMIN,
      schema: {
        summary: '向设备下发命令（校时、上报间隔、补数），设备不在线时排队',
        tags,
        params: MnParams,
        body: CommandBody,
        response: { 202: CommandOut, ...errors },
      },
    },
    async (req, reply) => {
      const { command, params } = req.body;
      const who = actorOf(req);
      const row = ingest
        ? await ingest.command(req.params.mn, command, params, who.actor)
        : await queueCommand(db, clock, req.params.mn, command, params, who.actor);
      await recordAudit(db, clock.now(), {
        actor: who.actor,
        ip: who.ip ?? null,
        action: 'device.command',
        target: `device:${row.mn}`,
        detail: { cn: row.cn, qn: row.qn, params: JSON.parse(row.params) as unknown },
      });
      return reply.code(202).send(commandOut(row));
    },
  );
}
