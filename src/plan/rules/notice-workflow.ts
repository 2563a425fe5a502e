/**
 * The life of a notice (pure): draft → reviewed → issued → responded. A reviewed notice may be
 * sent back to draft; a bulletin (通报) is issued to every unit and expects no response.
 */
import { LantianError } from '../../errors.ts';

/** Kinds of notices (四(四)). */
export type NoticeKind = 'warning_letter' | 'summons' | 'bulletin';
/** States of a notice. */
export type NoticeStatus = 'draft' | 'reviewed' | 'issued' | 'responded';

export const NOTICE_STATUSES: readonly NoticeStatus[] = [
  'draft',
  'reviewed',
  'issued',
  'responded',
];

/** Chinese names. */
export const NOTICE_KIND_NAMES: Readonly<Record<NoticeKind, string>> = {
  warning_letter: '预警通知函',
  summons: '约谈',
  bulletin: '排名通报',
};
export const NOTICE_STATUS_NAMES: Readonly<Record<NoticeStatus, string>> = {
  draft: '草稿',
  reviewed: '已审核',
  issued: '已下发',
  responded: '已反馈',
};

const NEXT: Readonly<Record<NoticeStatus, readonly NoticeStatus[]>> = {
  draft: ['reviewed'],
  reviewed: ['issued', 'draft'],
  issued: ['responded'],
  responded: [],
};

/** The states a notice may move to next. */
export function nextStatuses(kind: NoticeKind, from: NoticeStatus): NoticeStatus[] {
  return NEXT[from].filter((s) => !(kind === 'bulletin' && s === 'responded'));
}

/** Throws LT_ERR_NOTICE_TRANSITION unless the move is allowed. */
export function assertTransition(kind: NoticeKind, from: NoticeStatus, to: NoticeStatus): void {
  if (!nextStatuses(kind, from).includes(to))
    throw new LantianError(
      'LT_ERR_NOTICE_TRANSITION',
      `${NOTICE_KIND_NAMES[kind]}：${NOTICE_STATUS_NAMES[from]} → ${NOTICE_STATUS_NAMES[to]}`,
      { from, to, allowed: nextStatuses(kind, from) },
    );
}
