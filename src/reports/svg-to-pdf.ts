/**
 * Draws an SVG document with pdfkit's vector API (pdfkit has no SVG support). Covers what
 * ECharts' SVG renderer emits: nested <g> with transforms, <path>, <rect>, <circle>, <ellipse>,
 * <polygon>, <polyline>, <line> and <text> with fill, stroke, opacities, font size, text-anchor
 * and dominant-baseline; <defs>, <style>, clip paths and gradients are skipped (a gradient fill
 * falls back to grey). Text is set in the given (CJK) font.
 */
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

/** One parsed SVG element. */
export interface SvgNode {
  tag: string;
  attrs: Record<string, string>;
  children: SvgNode[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decode(s: string): string {
  return s.replace(/&(#x?[0-9a-fA-F]+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** Parses SVG markup into a tree (enough XML for generated SVG: no DTD, comments or PIs kept). */
export function parseSvg(markup: string): SvgNode {
  const root: SvgNode = { tag: '#root', attrs: {}, children: [], text: '' };
  const stack: SvgNode[] = [root];
  const src = markup
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '');
  const re = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      top.text += decode(m[5]);
      continue;
    }
    const [, close, tag, rawAttrs, selfClose] = m;
    if (close) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (rawAttrs ?? '').matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      attrs[a[1]!] = decode(a[2] ?? a[3] ?? '');
    const node: SvgNode = { tag: tag!, attrs, children: [], text: '' };
    top.children.push(node);
    if (!selfClose) stack.push(node);
  }
  return root.children.find((n) => n.tag === 'svg') ?? root;
}

/** A colour with its opacity, or null for none. */
export function parseColor(value: string | undefined): { color: string; opacity: number } | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  if (v === 'none' || v === 'transparent') return null;
  if (v.startsWith('url(')) return { color: '#bfbfbf', opacity: 1 };
  let m = /^#([0-9a-f]{3})$/.exec(v);
  if (m) return { color: `#${[...m[1]!].map((c) => c + c).join('')}`, opacity: 1 };
  if (/^#[0-9a-f]{6}$/.test(v)) return { color: v, opacity: 1 };
  m = /^rgba?\(([^)]*)\)$/.exec(v);
  if (m) {
    const p = m[1]!
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    const hex = p
      .slice(0, 3)
      .map((x) =>
        Math.max(0, Math.min(255, Math.round(x)))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('');
    return { color: `#${hex}`, opacity: p[3] ?? 1 };
  }
  const named: Record<string, string> = {
    black: '#000000',
    white: '#ffffff',
    red: '#ff0000',
    gray: '#808080',
    grey: '#808080',
  };
  return named[v] ? { color: named[v]!, opacity: 1 } : { color: '#000000', opacity: 1 };
}

type Matrix = [number, number, number, number, number, number];

/** Parses an SVG transform list into one matrix. */
export function parseTransform(value: string | undefined): Matrix | null {
  if (!value) return null;
  let m: Matrix = [1, 0, 0, 1, 0, 0];
  const mul = (a: Matrix, b: Matrix): Matrix => [
    a[0] * b[0] + a[2] * b[1],
    a[1] * b[0] + a[3] * b[1],
    a[0] * b[2] + a[2] * b[3],
    a[1] * b[2] + a[3] * b[3],
    a[0] * b[4] + a[2] * b[5] + a[4],
    a[1] * b[4] + a[3] * b[5] + a[5],
  ];
  for (const t of value.matchAll(/(matrix|translate|scale|rotate)\s*\(([^)]*)\)/g)) {
    const n = t[2]!
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    let x: Matrix;
    if (t[1] === 'matrix') x = [n[0] ?? 1, n[1] ?? 0, n[2] ?? 0, n[3] ?? 1, n[4] ?? 0, n[5] ?? 0];
    else if (t[1] === 'translate') x = [1, 0, 0, 1, n[0] ?? 0, n[1] ?? 0];
    else if (t[1] === 'scale') x = [n[0] ?? 1, 0, 0, n[1] ?? n[0] ?? 1, 0, 0];
    else {
      const r = ((n[0] ?? 0) * Math.PI) / 180;
      x = [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0];
    }
    m = mul(m, x);
  }
  return m;
}

function styleOf(node: SvgNode): Record<string, string> {
  const out: Record<string, string> = { ...node.attrs };
  for (const part of (node.attrs['style'] ?? '').split(';')) {
    const i = part.indexOf(':');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

const SKIP = new Set([
  'defs',
  'style',
  'clipPath',
  'linearGradient',
  'radialGradient',
  'title',
  'desc',
  'metadata',
]);
const BASELINES: Readonly<Record<string, 'middle' | 'alphabetic' | 'top' | 'bottom'>> = {
  central: 'middle',
  middle: 'middle',
  hanging: 'top',
  'text-before-edge': 'top',
  'text-after-edge': 'bottom',
  ideographic: 'bottom',
};

function paint(doc: Doc, st: Record<string, string>, inherited: Record<string, string>): void {
  const get = (k: string) => st[k] ?? inherited[k];
  if (!paints(st, inherited)) {
    doc.addContent('n'); // end the path unpainted, or the next paint would fill it too
    return;
  }
  const op = Number(get('opacity') ?? 1);
  const fill = parseColor(get('fill') ?? '#000000');
  const stroke = parseColor(get('stroke'));
  const width = Number(get('stroke-width') ?? 1);
  if (fill) doc.fillColor(fill.color, fill.opacity * Number(get('fill-opacity') ?? 1) * op);
  if (stroke)
    doc
      .strokeColor(stroke.color, stroke.opacity * Number(get('stroke-opacity') ?? 1) * op)
      .lineWidth(width);
  if (fill && stroke && width > 0) doc.fillAndStroke();
  else if (fill) doc.fill();
  else if (stroke && width > 0) doc.stroke();
}

/** True when an element has a visible fill or stroke. */
function paints(st: Record<string, string>, inherited: Record<string, string>): boolean {
  const get = (k: string) => st[k] ?? inherited[k];
  const op = Number(get('opacity') ?? 1);
  const fill = parseColor(get('fill') ?? '#000000');
  const stroke = parseColor(get('stroke'));
  const fillOn = fill !== null && fill.opacity * Number(get('fill-opacity') ?? 1) * op > 0;
  const strokeOn =
    stroke !== null && Number(get('stroke-width') ?? 1) > 0 && stroke.opacity * op > 0;
  return fillOn || strokeOn;
}

function num(v: string | undefined, d = 0): number {
  const n = Number.parseFloat(v ?? '');
  return Number.isFinite(n) ? n : d;
}

function drawNode(doc: Doc, node: SvgNode, inherited: Record<string, string>, font: string): void {
  if (SKIP.has(node.tag)) return;
  const st = styleOf(node);
  if (st['display'] === 'none' || st['visibility'] === 'hidden') return;
  const m = parseTransform(node.attrs['transform']);
  doc.save();
  if (m) doc.transform(...m);
  const inh = { ...inherited };
  for (const k of [
    'fill',
    'stroke',
    'stroke-width',
    'fill-opacity',
    'stroke-opacity',
    'font-size',
    'text-anchor',
    'dominant-baseline',
  ])
    if (st[k] !== undefined) inh[k] = st[k];
  switch (node.tag) {
    case 'g':
    case 'svg':
      for (const c of node.children) drawNode(doc, c, inh, font);
      break;
    case 'path':
      if (node.attrs['d']) {
        doc.path(node.attrs['d']);
        paint(doc, st, inherited);
      }
      break;
    case 'rect': {
      const w = num(node.attrs['width']);
      const h = num(node.attrs['height']);
      if (w > 0 && h > 0) {
        doc.rect(num(node.attrs['x']), num(node.attrs['y']), w, h);
        paint(doc, st, inherited);
      }
      break;
    }
    case 'circle':
      doc.circle(num(node.attrs['cx']), num(node.attrs['cy']), num(node.attrs['r']));
      paint(doc, st, inherited);
      break;
    case 'ellipse':
      doc.ellipse(
        num(node.attrs['cx']),
        num(node.attrs['cy']),
        num(node.attrs['rx']),
        num(node.attrs['ry']),
      );
      paint(doc, st, inherited);
      break;
    case 'line':
      doc
        .moveTo(num(node.attrs['x1']), num(node.attrs['y1']))
        .lineTo(num(node.attrs['x2']), num(node.attrs['y2']));
      paint(doc, { ...st, fill: 'none' }, inherited);
      break;
    case 'polygon':
    case 'polyline': {
      const p = (node.attrs['points'] ?? '')
        .trim()
        .split(/[\s,]+/)
        .map(Number);
      if (p.length >= 4) {
        doc.moveTo(p[0]!, p[1]!);
        for (let i = 2; i + 1 < p.length; i += 2) doc.lineTo(p[i]!, p[i + 1]!);
        if (node.tag === 'polygon') doc.closePath();
        paint(doc, node.tag === 'polyline' ? { ...st, fill: st['fill'] ?? 'none' } : st, inherited);
      }
      break;
    }
    case 'text': {
      const text = (node.text + node.children.map((c) => c.text).join(''))
        .replace(/\s+/g, ' ')
        .trim();
      if (!text) break;
      const size = num(inh['font-size'], 12);
      const fill = parseColor(st['fill'] ?? inherited['fill'] ?? '#000000');
      if (!fill) break;
      doc.font(font).fontSize(size).fillColor(fill.color, fill.opacity);
      const w = doc.widthOfString(text);
      const anchor = inh['text-anchor'] ?? 'start';
      const dx = anchor === 'middle' ? -w / 2 : anchor === 'end' ? -w : 0;
      const baseline = BASELINES[inh['dominant-baseline'] ?? ''] ?? 'alphabetic';
      doc.text(text, num(node.attrs['x']) + dx, num(node.attrs['y']), {
        lineBreak: false,
        baseline,
      });
      break;
    }
    default:
      break;
  }
  doc.restore();
}

/** Draws SVG markup into the box (x, y, width, height), keeping its aspect ratio. */
export function drawSvg(
  doc: Doc,
  markup: string,
  x: number,
  y: number,
  width: number,
  height: number,
  font: string,
): void {
  const svg = parseSvg(markup);
  const vb = (svg.attrs['viewBox'] ?? '').split(/[\s,]+/).map(Number);
  const w = vb.length === 4 ? vb[2]! : num(svg.attrs['width'], width);
  const h = vb.length === 4 ? vb[3]! : num(svg.attrs['height'], height);
  const scale = Math.min(width / w, height / h);
  const keep = { x: doc.x, y: doc.y };
  doc.save();
  doc.translate(x, y).scale(scale);
  if (vb.length === 4) doc.translate(-vb[0]!, -vb[1]!);
  for (const c of svg.children) drawNode(doc, c, {}, font);
  doc.restore();
  doc.x = keep.x;
  doc.y = keep.y;
}
