/**
 * The three public pages (no sign-in, phone-first, Chinese): the report form, tracking by code and
 * the exposure board. They are static shells; the script (public-script.ts, same origin, as the
 * page policy requires) fills them from the public API.
 */

const STYLE = `*{box-sizing:border-box}body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2d3d;background:#f5f7fa;font-size:16px}
header{background:#1677ff;color:#fff;padding:.8rem 1rem}header h1{font-size:1.2rem;margin:0}header nav a{color:#fff;margin-right:1rem;font-size:.9rem}
main{max-width:40rem;margin:0 auto;padding:.8rem}section,form{background:#fff;border-radius:8px;padding:.8rem;margin-bottom:.8rem}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}input,select,textarea,button{font:inherit;width:100%;padding:.55rem;border:1px solid #c0c4cc;border-radius:6px}
textarea{min-height:6rem}button{background:#1677ff;color:#fff;border:none;margin-top:.8rem}button.plain{background:#eef3ff;color:#1677ff}
.row{display:flex;gap:.5rem}.row>*{flex:1}.hint{color:#666;font-size:.85rem}.error{color:#c62828;font-weight:600}.ok{color:#2e7d32}
#map{width:100%;height:16rem;background:#eaf1fb;border-radius:6px;touch-action:manipulation}#map path{fill:#dce8f8;stroke:#7a9cc6;stroke-width:.6}
.code{font-size:1.6rem;letter-spacing:.15rem;font-weight:700;color:#1677ff}.case h3{margin:.2rem 0;font-size:1.05rem}.case img{max-width:48%;margin:.2rem}
.meta{color:#666;font-size:.85rem}.pager{display:flex;gap:.5rem}`;

function page(id: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><style>${STYLE}</style><script src="/report/tipoff.js" defer></script></head>
<body data-page="${id}"><header><h1>${title}</h1><nav><a href="/report">我要举报</a><a href="/report/track">进度查询</a><a href="/exposure">曝光台</a></nav></header>
<main>${body}</main></body></html>`;
}

/** The report form. */
export function reportPageHtml(): string {
  return page(
    'report',
    '大气污染有奖举报',
    `<form id="report-form" novalidate>
<p class="hint">无需注册。请如实举报，查实后按规定给予奖励；您的联系方式仅办理人员可见，不会公开。</p>
<label for="category">举报类别</label>
<select id="category" name="category" required>
<option value="industrial">工业废气</option><option value="dust">扬尘</option><option value="burning">焚烧</option>
<option value="vehicle">冒黑烟车辆</option><option value="odour">异味</option><option value="other">其他</option></select>
<label>位置（在地图上点选，或使用手机定位）</label>
<svg id="map" role="img" aria-label="邯郸市地图，点按选择位置"></svg>
<div class="row"><button type="button" class="plain" id="locate">使用我的位置</button></div>
<p class="hint" id="where">尚未选择位置</p>
<input type="hidden" name="lon" id="lon"><input type="hidden" name="lat" id="lat"><input type="hidden" name="crs" id="crs" value="gcj02">
<label for="address">详细地址（可选；未选点时必填）</label>
<input id="address" name="address" maxlength="200" placeholder="如：某某路与某某街交叉口东北角">
<label for="description">情况描述</label>
<textarea id="description" name="description" maxlength="1000" required placeholder="时间、现象、涉及单位或车辆等"></textarea>
<label for="file">照片或视频（最多 4 个；照片 10 MB、MP4 视频 50 MB 以内）</label>
<input id="file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/heic,video/mp4" multiple>
<label for="contactName">联系人（可选，领取奖励需填写电话）</label>
<div class="row"><input id="contactName" name="contactName" maxlength="40" placeholder="姓名">
<input id="contactPhone" name="contactPhone" inputmode="tel" maxlength="20" placeholder="手机号"></div>
<label for="challengeAnswer">验证题：<span id="question">加载中…</span></label>
<input id="challengeAnswer" name="challengeAnswer" inputmode="numeric" maxlength="3" required>
<input type="hidden" name="challengeToken" id="challengeToken">
<button type="submit" id="submit">提交举报</button>
<p id="message" role="status"></p>
</form>
<section id="done" hidden><p class="ok">举报已提交。请记下查询码，凭码查询办理进度：</p><p class="code" id="code"></p>
<p class="hint" id="done-county"></p><a id="track-link" href="/report/track">查看进度</a></section>`,
  );
}

/** Tracking by code. */
export function trackPageHtml(): string {
  return page(
    'track',
    '举报进度查询',
    `<form id="track-form"><label for="track-code">查询码</label>
<input id="track-code" name="code" maxlength="12" autocapitalize="characters" placeholder="12 位查询码">
<button type="submit">查询</button><p id="message" role="status"></p></form>
<section id="result" hidden><h2 id="status"></h2><p class="meta" id="facts"></p><p id="outcome"></p><p id="reply"></p><ol id="steps"></ol></section>`,
  );
}

/** The exposure board. */
export function exposurePageHtml(): string {
  return page(
    'exposure',
    '大气污染曝光台',
    `<section><h2>月度排名与通报</h2><ul id="documents"></ul></section>
<section><h2>曝光案例</h2><div id="cases"></div><div class="pager"><button type="button" class="plain" id="prev">上一页</button><button type="button" class="plain" id="next">下一页</button></div><p class="meta" id="pageinfo"></p></section>`,
  );
}
