import { describe, expect, it } from 'vitest';
import type { DecisionRow, EpisodeRow } from './episode-repo.ts';
import { noticeParagraphs, noticeTitle } from './notice-pdf.ts';

const episode = {
  id: 1,
  region_adcode: '130400',
  status: 'active',
  level: 'orange',
  peak_level: 'orange',
  response: 'industrial',
  from_date: '2026-12-06',
  to_date: '2026-12-08',
  level_since: '2026-12-06',
  lifted_on: null,
  edition: '2024',
  forecast_version_id: 1,
  created_at: 0,
  updated_at: 0,
} as EpisodeRow;
const decision = (over: Partial<DecisionRow>): DecisionRow => ({
  id: 1,
  episode_id: 1,
  seq: 1,
  action: 'issue',
  level: 'orange',
  from_date: '2026-12-06',
  to_date: '2026-12-08',
  forecast_version_id: 1,
  edition: '2024',
  basis: 'supported',
  override_reason: null,
  reason: '预报12月6日至12月8日达到橙色预警条件（环大气〔2024〕6号）',
  notice_number: '邯气应急〔2026〕1号',
  notice_blob: null,
  decided_by: 'city',
  decided_at: 0,
  ...over,
});
const ctx = {
  regionName: '邯郸市',
  previousLevel: null,
  forecast: { version: 3, issued: '2026-12-02' },
};

describe('notice text', () => {
  it('titles by action', () => {
    expect(noticeTitle(decision({}), null)).toBe('关于发布重污染天气橙色预警的通知');
    expect(noticeTitle(decision({ action: 'upgrade', level: 'red' }), 'orange')).toBe(
      '关于将重污染天气橙色预警升级为红色预警的通知',
    );
    expect(noticeTitle(decision({ action: 'lift' }), 'orange')).toBe(
      '关于解除重污染天气橙色预警的通知',
    );
  });
  it('names the forecast, the standard, the period, an override reason and the measures', () => {
    const text = noticeParagraphs(episode, decision({}), ctx).join('\n');
    expect(text).toContain(
      '根据2026年12月2日空气质量预报（第3版），按照环大气〔2024〕6号预警分级标准',
    );
    expect(text).toContain('时段为2026年12月6日至2026年12月8日');
    expect(text).toContain('II级应急响应');
    expect(text).toContain('强制性措施');
    const over = noticeParagraphs(
      episode,
      decision({
        action: 'upgrade',
        level: 'red',
        basis: 'overridden',
        override_reason: '省级区域预警',
      }),
      { ...ctx, forecast: null },
    ).join('\n');
    expect(over).toContain('在没有满足条件的空气质量预报的情况下');
    expect(over).toContain('理由为：省级区域预警');
    const lift = noticeParagraphs(
      episode,
      decision({ action: 'lift', from_date: '2026-12-09' }),
      ctx,
    );
    expect(lift[0]).toContain('决定于2026年12月9日解除橙色预警');
    expect(lift.join('')).not.toContain('强制性措施');
  });
});
