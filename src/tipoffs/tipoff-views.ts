/** Stored reports as handlers, reporters and the public see them. */
import type { z } from 'zod';
import {
  CATEGORY_NAMES,
  RESULT_NAMES,
  STATUS_NAMES,
  type TipoffCategory,
} from './rules/categories.ts';
import type { ExposureCase, TipoffOut, TrackOut } from './schema.ts';
import type { TipoffFileRow, TipoffRow } from './tipoff-repo.ts';

type Status = z.output<typeof TipoffOut>['status'];
type Result = z.output<typeof TipoffOut>['result'];
type Reward = 'proposed' | 'approved' | 'refused';

/** A case for those who handle it (with personal data). */
export function handlerView(r: TipoffRow, now: number): z.output<typeof TipoffOut> {
  return {
    id: r.id,
    code: r.code,
    category: r.category as TipoffCategory,
    categoryName: CATEGORY_NAMES[r.category as TipoffCategory] ?? r.category,
    description: r.description,
    lon: r.lon,
    lat: r.lat,
    address: r.address,
    suggestedCounty: r.suggested_county,
    status: r.status as Status,
    statusName: STATUS_NAMES[r.status] ?? r.status,
    county: r.county,
    department: r.department,
    deadlineAt: r.deadline_at === null ? null : Number(r.deadline_at),
    overdue: r.status === 'assigned' && r.deadline_at !== null && Number(r.deadline_at) < now,
    escalated: r.escalated === 1,
    result: r.result as Result,
    finding: r.finding,
    reply: r.reply,
    handledAt: r.handled_at === null ? null : Number(r.handled_at),
    reward:
      r.reward_status === null
        ? null
        : { status: r.reward_status as Reward, amount: r.reward_amount, rule: r.reward_rule },
    published: r.published === 1,
    publishPhotos: r.publish_photos === 1,
    createdAt: Number(r.created_at),
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    ip: r.ip,
  };
}

/** Timeline actions the reporter sees, by action name. */
const PUBLIC_STEPS: Readonly<Record<string, string>> = {
  received: '举报已受理',
  assigned: '已分派核查',
  rejected: '不予受理',
  handled: '核查完毕，已回复',
  escalated: '超期未办结，已提请市大气办督办',
};

/** The reporter's view by code: status, reply and dated steps, nobody's name or contact. */
export function trackView(
  r: TipoffRow,
  events: ReadonlyArray<{ at: number; action: string }>,
): z.output<typeof TrackOut> {
  return {
    code: r.code,
    category: r.category as TipoffCategory,
    categoryName: CATEGORY_NAMES[r.category as TipoffCategory] ?? r.category,
    status: r.status as Status,
    statusName: STATUS_NAMES[r.status] ?? r.status,
    submittedAt: Number(r.created_at),
    deadlineAt: r.deadline_at === null ? null : Number(r.deadline_at),
    handledAt: r.handled_at === null ? null : Number(r.handled_at),
    resultName: r.result === null ? null : (RESULT_NAMES[r.result] ?? null),
    reply: r.reply,
    reward: r.reward_status as Reward | null,
    steps: events
      .filter((e) => PUBLIC_STEPS[e.action] !== undefined)
      .map((e) => ({ at: Number(e.at), what: PUBLIC_STEPS[e.action]! })),
  };
}

/** A published case on the exposure board: no contact, no address it came from, no handler. */
export function exposureView(
  r: TipoffRow,
  files: readonly TipoffFileRow[],
  countyNames: ReadonlyMap<string, string>,
): z.output<typeof ExposureCase> {
  const county = r.county ?? r.suggested_county;
  return {
    id: r.id,
    category: r.category as TipoffCategory,
    categoryName: CATEGORY_NAMES[r.category as TipoffCategory] ?? r.category,
    countyName: county === null ? null : (countyNames.get(county) ?? null),
    place: r.address,
    description: r.description,
    resultName: r.result === null ? null : (RESULT_NAMES[r.result] ?? null),
    reply: r.reply,
    publishedAt: Number(r.published_at ?? r.updated_at),
    photos:
      r.publish_photos === 1
        ? files.filter((f) => f.media_type.startsWith('image/')).map((f) => f.id)
        : [],
  };
}
