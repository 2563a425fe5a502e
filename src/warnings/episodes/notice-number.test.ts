import { describe, expect, it } from 'vitest';
import { noticeNumber, noticePrefixFor, noticeSeq, noticeYearHead } from './notice-number.ts';

describe('notice numbers', () => {
  it('a county uses its city prefix; unknown regions the fallback', () => {
    expect(noticePrefixFor('130400')).toBe('邯气应急');
    expect(noticePrefixFor('130481')).toBe('邯气应急');
    expect(noticePrefixFor('110000')).toBe('重污染应急');
    expect(noticePrefixFor('130481', { '130481': '武气应急' })).toBe('武气应急');
  });
  it('formats and reads back the sequence', () => {
    expect(noticeNumber('邯气应急', 2026, 12)).toBe('邯气应急〔2026〕12号');
    const head = noticeYearHead('邯气应急', 2026);
    expect(noticeSeq(head, '邯气应急〔2026〕12号')).toBe(12);
    expect(noticeSeq(head, '邯气应急〔2025〕12号')).toBeNull();
    expect(noticeSeq(head, '邯气应急〔2026〕x号')).toBeNull();
  });
});
