/**
 * Checking a registration (编码登记) field by field (docs/standards/non-road-machinery.md §1):
 * owner (name, unified social credit code or ID-card number, phone), machine type, emission
 * stage, engine model and number, year of manufacture, code. Shared by the API and the import so
 * that both refuse the same things with the same codes.
 */
import { normaliseCode } from './registration-code.ts';
import { stageOf, type Stage } from './stages.ts';

/** Machine types offered by the forms (the scope list of the registration notices). */
export const MACHINE_TYPES = [
  '挖掘机',
  '装载机',
  '推土机',
  '压路机',
  '摊铺机',
  '平地机',
  '叉车',
  '起重机',
  '桩工机械',
  '场内车辆',
  '其他',
] as const;

/** A registration as typed (strings; empty = not given). */
export interface MachineInput {
  code: string;
  ownerName: string;
  ownerIdNo: string;
  ownerPhone: string;
  machineType: string;
  emissionStage: string;
  engineModel: string;
  engineNumber: string;
  manufactureYear: string;
  siteId: string;
  regionAdcode: string;
}

/** A checked registration. */
export interface ValidMachine {
  /** Undefined: Lantian issues one. */
  code: string | undefined;
  ownerName: string;
  ownerIdNo: string;
  ownerPhone: string;
  machineType: string;
  emissionStage: Stage;
  engineModel: string;
  engineNumber: string;
  manufactureYear: number | null;
  siteId: number | null;
  regionAdcode: string | null;
}

/** One refused field. */
export interface FieldIssue {
  field: keyof MachineInput;
  code: 'LT_ERR_MACHINERY_BAD_INPUT' | 'LT_ERR_MACHINERY_BAD_CODE';
  detail: string;
}

const ID_NO = /^([0-9A-Z]{18}|\d{15})$/;
const PHONE = /^[0-9+\- ]{7,20}$/;

function text(
  v: string,
  field: keyof MachineInput,
  name: string,
  max: number,
  issues: FieldIssue[],
): string {
  const t = v.trim();
  if (t.length === 0 || t.length > max)
    issues.push({
      field,
      code: 'LT_ERR_MACHINERY_BAD_INPUT',
      detail: `${name}须为 1–${max} 个字符`,
    });
  return t;
}

/** Checks a registration; `thisYear` bounds the year of manufacture. */
export function checkMachine(
  i: MachineInput,
  thisYear: number,
): { ok: true; value: ValidMachine } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const bad = (field: keyof MachineInput, detail: string) =>
    issues.push({ field, code: 'LT_ERR_MACHINERY_BAD_INPUT', detail });
  let code: string | undefined;
  if (i.code.trim()) {
    code = normaliseCode(i.code);
    if (!code)
      issues.push({
        field: 'code',
        code: 'LT_ERR_MACHINERY_BAD_CODE',
        detail: `登记编码 ${i.code.trim().slice(0, 40)} 应为 1–32 位字母、数字或 -`,
      });
  }
  const ownerName = text(i.ownerName, 'ownerName', '所有人名称', 64, issues);
  const ownerIdNo = i.ownerIdNo.trim().toUpperCase();
  if (!ID_NO.test(ownerIdNo))
    bad('ownerIdNo', '统一社会信用代码或身份证号应为 18 位（或 15 位身份证号）');
  const ownerPhone = i.ownerPhone.trim();
  if (!PHONE.test(ownerPhone)) bad('ownerPhone', '联系电话应为 7–20 位数字');
  const machineType = text(i.machineType, 'machineType', '机械类型', 32, issues);
  const stage = stageOf(i.emissionStage);
  if (!stage)
    bad(
      'emissionStage',
      `排放阶段“${i.emissionStage.trim().slice(0, 20)}”应为 国一–国四、电动 或 无/不明`,
    );
  const engineModel = text(i.engineModel, 'engineModel', '发动机型号', 64, issues);
  const engineNumber = text(i.engineNumber, 'engineNumber', '发动机编号', 64, issues);
  let manufactureYear: number | null = null;
  if (i.manufactureYear.trim()) {
    manufactureYear = Number(i.manufactureYear.trim());
    if (!Number.isInteger(manufactureYear) || manufactureYear < 1950 || manufactureYear > thisYear)
      bad('manufactureYear', `出厂年份应为 1950–${thisYear} 的整数`);
  }
  let siteId: number | null = null;
  if (i.siteId.trim()) {
    siteId = Number(i.siteId.trim());
    if (!Number.isInteger(siteId) || siteId < 1) bad('siteId', '所在场所编号应为正整数');
  }
  const regionAdcode = i.regionAdcode.trim() || null;
  if (regionAdcode !== null && !/^\d{6}$/.test(regionAdcode))
    bad('regionAdcode', '区县代码应为 6 位数字');
  if (regionAdcode === null && siteId === null) bad('regionAdcode', '须填写所在场所或区县代码');
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      code,
      ownerName,
      ownerIdNo,
      ownerPhone,
      machineType,
      emissionStage: stage!,
      engineModel,
      engineNumber,
      manufactureYear,
      siteId,
      regionAdcode,
    },
  };
}
