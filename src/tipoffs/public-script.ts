/**
 * The script of the public pages, served from this origin (/report/tipoff.js). Plain ES2017 for
 * any phone browser; it builds every element with textContent, never markup from data.
 */
export const PUBLIC_SCRIPT = String.raw`(function () {
'use strict';
var $ = function (id) { return document.getElementById(id); };
var el = function (tag, text, cls) { var e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };
var fmt = function (t) { var d = new Date(t + 8 * 3600000); return d.toISOString().slice(0, 16).replace('T', ' '); };
var show = function (msg, ok) { var m = $('message'); m.textContent = msg; m.className = ok ? 'ok' : 'error'; };
var getJson = function (url) { return fetch(url, { credentials: 'same-origin' }).then(function (r) { return r.json().then(function (b) { if (!r.ok) throw new Error(b.message || '请求失败'); return b; }); }); };

function drawMap() {
  var svg = $('map');
  fetch('/api/maps/130400').then(function (r) { return r.json(); }).then(function (fc) {
    var minX = 180, minY = 90, maxX = -180, maxY = -90, paths = [];
    fc.features.forEach(function (f) { var polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      polys.forEach(function (p) { p.forEach(function (ring) { ring.forEach(function (c) { if (c[0] < minX) minX = c[0]; if (c[0] > maxX) maxX = c[0]; if (c[1] < minY) minY = c[1]; if (c[1] > maxY) maxY = c[1]; }); }); });
      paths.push({ name: f.properties.name, polys: polys }); });
    var k = Math.cos((minY + maxY) / 2 * Math.PI / 180), W = 1000, sx = W / ((maxX - minX) * k), H = (maxY - minY) * sx;
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    var ns = 'http://www.w3.org/2000/svg';
    paths.forEach(function (u) { var d = ''; u.polys.forEach(function (p) { p.forEach(function (ring) { ring.forEach(function (c, i) { d += (i ? 'L' : 'M') + ((c[0] - minX) * k * sx).toFixed(1) + ' ' + ((maxY - c[1]) * sx).toFixed(1); }); d += 'Z'; }); });
      var path = document.createElementNS(ns, 'path'); path.setAttribute('d', d); var t = document.createElementNS(ns, 'title'); t.textContent = u.name; path.appendChild(t); svg.appendChild(path); });
    var pin = document.createElementNS(ns, 'circle'); pin.setAttribute('r', '9'); pin.setAttribute('fill', '#e02020'); pin.setAttribute('id', 'pin'); pin.style.display = 'none'; svg.appendChild(pin);
    svg.toLonLat = function (x, y) { return [minX + x / (k * sx), maxY - y / sx]; };
    svg.toXY = function (lon, lat) { return [(lon - minX) * k * sx, (maxY - lat) * sx]; };
    svg.addEventListener('click', function (ev) { var pt = svg.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY; var p = pt.matrixTransform(svg.getScreenCTM().inverse());
      var ll = svg.toLonLat(p.x, p.y); setPlace(ll[0], ll[1], 'gcj02', '地图选点'); });
  }).catch(function () { $('where').textContent = '地图加载失败，请使用手机定位或填写地址'; });
}

function setPlace(lon, lat, crs, how) {
  $('lon').value = lon.toFixed(6); $('lat').value = lat.toFixed(6); $('crs').value = crs;
  $('where').textContent = how + '：东经 ' + lon.toFixed(5) + '，北纬 ' + lat.toFixed(5);
  var svg = $('map'), pin = $('pin');
  if (svg.toXY && pin) { var xy = svg.toXY(lon, lat); pin.setAttribute('cx', xy[0]); pin.setAttribute('cy', xy[1]); pin.style.display = ''; }
}

function loadChallenge() {
  return getJson('/api/public/tipoffs/challenge').then(function (c) { $('question').textContent = c.question; $('challengeToken').value = c.token; $('challengeAnswer').value = ''; })
    .catch(function (e) { $('question').textContent = e.message; });
}

function reportPage() {
  drawMap(); loadChallenge();
  $('locate').addEventListener('click', function () {
    if (!navigator.geolocation) { show('此浏览器不能定位，请在地图上点选或填写地址'); return; }
    navigator.geolocation.getCurrentPosition(function (p) { setPlace(p.coords.longitude, p.coords.latitude, 'wgs84', '手机定位'); },
      function () { show('未能获取位置，请在地图上点选或填写地址'); }, { enableHighAccuracy: true, timeout: 15000 });
  });
  $('report-form').addEventListener('submit', function (ev) {
    ev.preventDefault(); var btn = $('submit'); btn.disabled = true; show('正在提交…', true);
    fetch('/api/public/tipoffs', { method: 'POST', body: new FormData($('report-form')), credentials: 'same-origin' })
      .then(function (r) { return r.json().then(function (b) { if (!r.ok) throw new Error(b.message || '提交失败'); return b; }); })
      .then(function (b) { $('report-form').hidden = true; $('done').hidden = false; $('code').textContent = b.code;
        $('done-county').textContent = b.countyName ? '所在县区：' + b.countyName : ''; $('track-link').href = '/report/track?code=' + encodeURIComponent(b.code); })
      .catch(function (e) { show(e.message); loadChallenge(); }).then(function () { btn.disabled = false; });
  });
}

function trackPage() {
  var run = function (code) {
    getJson('/api/public/tipoffs/' + encodeURIComponent(code)).then(function (t) {
      $('message').textContent = ''; $('result').hidden = false; $('status').textContent = t.statusName;
      $('facts').textContent = t.categoryName + '　提交于 ' + fmt(t.submittedAt) + (t.deadlineAt ? '　核查期限 ' + fmt(t.deadlineAt) : '');
      $('outcome').textContent = t.resultName ? '核查结果：' + t.resultName : '';
      $('reply').textContent = t.reply ? '答复：' + t.reply : '';
      var ol = $('steps'); ol.textContent = ''; t.steps.forEach(function (s) { ol.appendChild(el('li', fmt(s.at) + '　' + s.what)); });
    }).catch(function (e) { $('result').hidden = true; show(e.message); });
  };
  var q = new URLSearchParams(location.search).get('code');
  if (q) { $('track-code').value = q; run(q.trim().toUpperCase()); }
  $('track-form').addEventListener('submit', function (ev) { ev.preventDefault(); run($('track-code').value.trim().toUpperCase()); });
}

function exposurePage() {
  var page = 1;
  var load = function () {
    getJson('/api/public/exposure?page=' + page).then(function (b) {
      var docs = $('documents'); docs.textContent = '';
      b.documents.forEach(function (d) { var li = el('li'); var a = el('a', d.month + '　' + d.title);
        a.href = d.hasPdf ? '/api/public/exposure/documents/' + d.id + '/pdf' : d.url; a.rel = 'noopener'; li.appendChild(a); docs.appendChild(li); });
      if (!b.documents.length) docs.appendChild(el('li', '暂无发布的文件', 'meta'));
      var cases = $('cases'); cases.textContent = '';
      b.cases.forEach(function (c) { var s = el('article', null, 'case');
        s.appendChild(el('h3', c.categoryName + (c.countyName ? '（' + c.countyName + '）' : '')));
        s.appendChild(el('p', '公开于 ' + fmt(c.publishedAt) + '　案例 ' + c.id, 'meta'));
        if (c.place) s.appendChild(el('p', '地点：' + c.place));
        s.appendChild(el('p', c.description));
        if (c.resultName) s.appendChild(el('p', c.resultName + (c.reply ? '：' + c.reply : ''), 'ok'));
        c.photos.forEach(function (id) { var img = el('img'); img.src = '/api/public/exposure/photos/' + id; img.alt = '现场照片'; s.appendChild(img); });
        cases.appendChild(s); });
      if (!b.cases.length) cases.appendChild(el('p', '暂无曝光案例', 'meta'));
      var pages = Math.max(1, Math.ceil(Math.max(b.casesTotal, b.documentsTotal) / b.pageSize));
      $('pageinfo').textContent = '第 ' + page + ' / ' + pages + ' 页'; $('prev').disabled = page <= 1; $('next').disabled = page >= pages;
    });
  };
  $('prev').addEventListener('click', function () { page--; load(); }); $('next').addEventListener('click', function () { page++; load(); });
  load();
}

document.addEventListener('DOMContentLoaded', function () {
  var p = document.body.getAttribute('data-page');
  if (p === 'report') reportPage(); else if (p === 'track') trackPage(); else if (p === 'exposure') exposurePage();
});
})();
`;
