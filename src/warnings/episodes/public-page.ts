/** The public notice page (no sign-in): the active warnings as plain HTML, escaped. */
import type { z } from 'zod';
import type { PublicList } from './schema.ts';

const LEVEL_COLORS: Readonly<Record<string, string>> = {
  yellow: '#d4a800',
  orange: '#ff7e00',
  red: '#e02020',
};

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The page's HTML. */
export function publicNoticeHtml(list: z.output<typeof PublicList>): string {
  const when = new Date(list.generatedAt + 8 * 3_600_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
  const items =
    list.warnings.length === 0
      ? '<p class="none">当前没有生效的重污染天气预警。</p>'
      : list.warnings
          .map(
            (w) => `<section style="border-left:6px solid ${LEVEL_COLORS[w.level] ?? '#999'}">
<h2>${esc(w.regionName)}：${esc(w.levelName)}（${esc(w.responseGrade)}应急响应）</h2>
<p class="meta">${esc(w.from)} 起${w.to ? `，至 ${esc(w.to)}` : '，至解除'}　${esc(w.noticeNumber)}</p>
<p><b>健康防护：</b>${esc(w.health)}</p>
<p><b>建议性措施：</b>${esc(w.advised)}</p>
${w.mandatory ? `<p><b>强制性措施：</b>${esc(w.mandatory)}</p>` : ''}
</section>`,
          )
          .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>重污染天气预警公告</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1f2d3d}
section{padding:.2rem 1rem;margin:1rem 0;background:#fafafa}h2{font-size:1.15rem}.meta{color:#666}.none{color:#2e7d32}</style></head>
<body><h1>重污染天气预警公告</h1><p class="meta">更新于 ${esc(when)}（北京时间）</p>
${items}
${list.truncated ? '<p class="meta">生效预警较多，仅列出部分。</p>' : ''}
</body></html>`;
}
