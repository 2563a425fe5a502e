/** Chinese names of the kinds and states of a plan's notices (src/plan/rules/notice-workflow.ts). */
import type { Notice } from '../../api/types.ts';

/** Kinds of notices. */
export const NOTICE_KIND: Readonly<Record<Notice['kind'], string>> = {
  warning_letter: '预警通知函',
  summons: '约谈',
  bulletin: '排名通报',
};

/** States of a notice. */
export const NOTICE_STATUS: Readonly<Record<Notice['status'], string>> = {
  draft: '草稿',
  reviewed: '已审核',
  issued: '已下发',
  responded: '已反馈',
};
