/**
 * An outlet's CEMS hours over a period with the value each hour was judged by, its limit and
 * whether it was over (docs/standards/ultra-low.md §2, §5). Scope through the outlet's
 * enterprise (src/sources/enterprise-scope.ts); an outlet not yet linked to an enterprise is
 * seen by whoever sees every enterprise or its region.
 */
import type { Principal } from '../../auth/principal.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { dateStartEpoch, epochToLocalDate } from '../../time/zoned-time.ts';
import { parseDateRange } from '../../time/date-input.ts';
import { addDays } from '../../standards/local-date.ts';
import { assertEnterpriseScope } from '../enterprise-scope.ts';
import type { CemsConfig } from './cems-config.ts';
import { cemsHours } from './cems-repo.ts';
import { rulesOf } from './compliance-service.ts';
import { outletJudging } from './outlet-judging.ts';
import { judgeHour } from './rules/hour-judgement.ts';

/** Longest period of one request, in days. */
const MAX_DAYS = 93;

/** GET /api/sources/outlets/:id/hours?from&to (default: yesterday and today). */
export async function outletHours(
  db: Db,
  config: CemsConfig,
  p: Principal,
  id: number,
  range: { from?: string | undefined; to?: string | undefined },
  now: number,
) {
  const today = epochToLocalDate('Asia/Shanghai', now);
  const { from, to } = parseDateRange(
    range.from ?? addDays(range.to ?? today, -1),
    range.to ?? today,
    MAX_DAYS,
  );
  const o = (await outletJudging(db, config, [id])).get(id);
  if (o === undefined) throw new LantianError('LT_ERR_OUTLET_NOT_FOUND', String(id));
  const { outlet } = o;
  await assertEnterpriseScope(db, p, {
    credit_code: outlet.credit_code ?? '',
    region_adcode: outlet.enterprise_region ?? outlet.region_adcode ?? '',
    name: outlet.enterprise_name ?? outlet.name,
  });
  const start = dateStartEpoch('Asia/Shanghai', from);
  const end = dateStartEpoch('Asia/Shanghai', addDays(to, 1));
  const rows = await cemsHours(db, [id], start, end);
  const pollutants = [...new Set([...o.limited(), ...rows.map((r) => r.pollutant)])].sort();
  return {
    outlet: { id, code: outlet.code, name: outlet.name, enterprise: outlet.credit_code },
    from,
    to,
    rules: rulesOf(config),
    limits: pollutants.map((pollutant) => ({ pollutant, ...o.limitOf(pollutant) })),
    hours: rows.map((h) => {
      const limit = o.limitOf(h.pollutant);
      const j = judgeHour(h, limit.limit, limit.refO2);
      return {
        pollutant: h.pollutant,
        hour: h.hour,
        day: h.day,
        avg: h.avg,
        zsDevice: h.zs_device,
        zsCalc: h.zs_calc,
        o2: h.o2,
        value: j.value,
        basis: j.basis,
        limit: limit.limit,
        status: j.status,
        over: j.status === 'over',
        valid: h.valid === 1,
        flag: h.flag,
        origin: h.origin,
        minutes: h.minutes,
        cou: h.cou,
      };
    }),
  };
}
