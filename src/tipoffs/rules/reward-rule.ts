/**
 * The reward rule (pure): a fixed amount per category for a report that on-site verification
 * confirmed, when the reporter left a contact (someone must receive it). The plan (保障措施 六)
 * asks for rewards without amounts: the amounts are configuration (LANTIAN_TIPOFF_REWARDS) and
 * UNVERIFIED (docs/dust-fires-reports.md); the edition is stored with every proposal.
 */
import type { TipoffCategory } from './categories.ts';

/** A reward rule and its edition. */
export interface RewardRule {
  readonly edition: string;
  /** Yuan per confirmed report, per category. */
  readonly amounts: Readonly<Record<TipoffCategory, number>>;
  /** Only a report with a contact earns a reward. */
  readonly requireContact: boolean;
}

/** What the rule looks at. */
export interface RewardCase {
  category: TipoffCategory;
  result: string | null;
  hasContact: boolean;
}

/** The amount a case earns, or the reason (Chinese) it earns none. */
export function rewardFor(
  rule: RewardRule,
  c: RewardCase,
): { amount: number; edition: string } | { reason: string } {
  if (c.result !== 'confirmed') return { reason: '举报经核查属实才可奖励' };
  if (rule.requireContact && !c.hasContact) return { reason: '举报人未留联系方式，无法发放奖励' };
  const amount = rule.amounts[c.category];
  if (!(amount > 0)) return { reason: '该类别未设奖励金额' };
  return { amount, edition: rule.edition };
}
