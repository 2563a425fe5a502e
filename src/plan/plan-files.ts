/**
 * Reads a plan kept as data (data/plans/<id>/: plan.json plus units, targets, baseline and
 * stations CSV files) into a plan document and a station list. The CSV files are what a person
 * checks against the printed plan, so each keeps the plan's own order and names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StationInput } from '../air/station-repo.ts';
import { LantianError } from '../errors.ts';
import { refuseNul } from '../nul-character.ts';
import { parseCsvLine } from '../imports/csv-line.ts';
import { readTextFile, splitLines } from '../imports/text-file.ts';
import type { PlanDocument, PlanDocumentInput } from './plan-document.ts';
import { checkedPlanDocument } from './plan-validation.ts';

/** The folder of plans kept as data that ships with Lantian (found from the code, not the cwd). */
export const PLANS_DIR = fileURLToPath(new URL('../../data/plans', import.meta.url));

type Row = Record<string, string>;

/** Reads a CSV file with a header into rows of trimmed strings. */
export function readCsvRows(path: string): Row[] {
  if (!existsSync(path)) throw new LantianError('LT_ERR_FILE_NOT_FOUND', path);
  const { lines } = splitLines(readTextFile(path));
  const head = parseCsvLine(lines[0] ?? '');
  if (!head.ok) throw new LantianError('LT_ERR_CSV_HEADER', path);
  const rows: Row[] = [];
  lines.slice(1).forEach((line, i) => {
    if (!line.trim()) return;
    const p = parseCsvLine(line);
    if (!p.ok || p.fields.length !== head.fields.length)
      throw new LantianError('LT_ERR_CSV_HEADER', `${path} 第 ${i + 2} 行列数不对`);
    rows.push(
      Object.fromEntries(head.fields.map((h, k) => [h.trim(), (p.fields[k] ?? '').trim()])),
    );
  });
  return rows;
}

function num(row: Row, key: string, where: string): number | null {
  const v = row[key] ?? '';
  if (v === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n))
    throw new LantianError('LT_ERR_PLAN_INVALID', `${where} ${key} 应为数字，收到 "${v}"`);
  return n;
}

/** What a plan folder holds. */
export interface PlanFolder {
  document: PlanDocument;
  stations: StationInput[];
  /** Files read, relative to the folder. */
  files: string[];
}

interface PlanJson {
  files?: { units?: string; targets?: string; baseline?: string; stations?: string };
  [key: string]: unknown;
}

/** Reads and validates data/plans/<id>/ (or any folder laid out the same way). */
export function readPlanFolder(dir: string): PlanFolder {
  const planPath = join(dir, 'plan.json');
  if (!existsSync(planPath)) throw new LantianError('LT_ERR_PLAN_NOT_FOUND', `${planPath} 不存在`);
  let json: PlanJson;
  try {
    json = JSON.parse(readFileSync(planPath, 'utf8')) as PlanJson;
  } catch (e) {
    throw new LantianError('LT_ERR_PLAN_INVALID', `${planPath}: ${(e as Error).message}`);
  }
  refuseNul(json, planPath);
  const files = {
    units: 'units.csv',
    targets: 'targets.csv',
    baseline: 'baseline.csv',
    ...json.files,
  };
  const { files: _omit, ...rest } = json;
  const units = readCsvRows(join(dir, files.units));
  const targets = new Map(readCsvRows(join(dir, files.targets)).map((r) => [r['name'] ?? '', r]));
  const baselinePath = join(dir, files.baseline);
  const baseline = existsSync(baselinePath) ? readCsvRows(baselinePath) : [];
  const baseOf = (r: Row | undefined, where: string) =>
    r && {
      pm25: num(r, 'pm25', where),
      goodDays: num(r, 'goodDays', where),
      heavyDays: num(r, 'heavyDays', where),
      verified: r['verified'] === 'true',
      source: r['source'] ?? '',
      note: r['note'] ?? '',
    };
  const doc = rest as PlanDocumentInput;
  const city = doc.city as Record<string, unknown>;
  const cityBase = baseOf(
    baseline.find((b) => b['scope'] === 'city'),
    '市本级基准',
  );
  if (cityBase) city['baseline'] = cityBase;
  const mainBase = baseOf(
    baseline.find((b) => b['scope'] === 'mainCity'),
    '主城区基准',
  );
  if (mainBase && doc.mainCity) (doc.mainCity as Record<string, unknown>)['baseline'] = mainBase;
  doc.units = units.map((u) => {
    const name = u['name'] ?? '';
    const t = targets.get(name);
    if (!t) throw new LantianError('LT_ERR_UNIT_NOT_IN_PLAN', `${files.targets} 缺少 ${name}`);
    const lon = num(u, 'markerLon', name);
    const lat = num(u, 'markerLat', name);
    const base = baseOf(
      baseline.find((b) => b['scope'] === 'unit' && b['adcode'] === u['adcode']),
      name,
    );
    return {
      adcode: u['adcode'] ?? '',
      name,
      fullName: u['fullName'] ?? name,
      level: (u['level'] ?? 'county') as 'county' | 'zone',
      codeSystem: u['codeSystem'] ?? '',
      marker:
        lon !== null && lat !== null
          ? {
              lon,
              lat,
              verified: false,
              note: '功能区无行政区划边界，标注位置为示意（UNVERIFIED）',
            }
          : null,
      target: {
        pm25: num(t, 'pm25', name),
        goodDays: num(t, 'goodDays', name),
        goodRatePct: num(t, 'goodRatePct', name),
        heavyDays: num(t, 'heavyDays', name),
      },
      ...(base ? { baseline: base } : {}),
    };
  });
  const unitNames = new Set(units.map((u) => u['name']));
  for (const name of targets.keys())
    if (!unitNames.has(name))
      throw new LantianError('LT_ERR_UNIT_NOT_IN_PLAN', `${files.targets} 中的 ${name}`);
  const stationsPath = join(dir, files.stations ?? 'stations.csv');
  const stations: StationInput[] = existsSync(stationsPath)
    ? readCsvRows(stationsPath).map((s) => ({
        code: s['code'] ?? '',
        name: s['name'] ?? '',
        regionAdcode: s['region'] ?? '',
        kind: s['kind'] ?? '国控',
        role: s['role'] || 'assessment',
        lon: num(s, 'lon', s['code'] ?? ''),
        lat: num(s, 'lat', s['code'] ?? ''),
        pollutants: (s['pollutants'] ?? '').split(/[;|]/).filter(Boolean),
      }))
    : [];
  return {
    document: checkedPlanDocument(doc),
    stations,
    files: ['plan.json', files.units, files.targets, files.baseline, files.stations ?? ''].filter(
      (f) => f && existsSync(join(dir, f)),
    ),
  };
}
