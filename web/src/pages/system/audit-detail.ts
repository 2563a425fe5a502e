/**
 * The audit log's detail (what src/ records with an action) as a line people read (pure):
 * known keys by their Chinese names, known values too (roles, reasons, statuses, decisions),
 * yes/no, instants in Beijing time, lists joined, nested objects in brackets, and the whole
 * bounded in length (a plan edit records the plan before and after).
 */
import { formatDateTime } from '../../lib/format.ts';
import { NOTICE_KIND, NOTICE_STATUS } from '../plan/notice-names.ts';
import { DECISIONS, TASK_STATUS } from '../tasks/task-names.ts';
import { ROLE_OPTIONS } from './role-names.ts';

/** Chinese names of the detail keys src/ writes (recordAudit calls). */
export const DETAIL_KEYS: Readonly<Record<string, string>> = {
  user: '用户',
  name: '名称',
  displayName: '显示名',
  role: '角色',
  department: '部门',
  regionAdcode: '行政区',
  enterprise: '企业',
  mustChangePassword: '须修改密码',
  sessionsRevoked: '注销会话',
  expiresAt: '到期',
  alreadyRevoked: '此前已吊销',
  reason: '原因',
  retryAfterSeconds: '等待秒数',
  reportId: '报送编号',
  version: '版本',
  decision: '审核结论',
  comment: '意见',
  values: '数值',
  checklist: '清单',
  attachments: '附件',
  source: '来源',
  late: '逾期报送',
  filename: '文件名',
  file: '文件',
  mediaType: '类型',
  size: '大小（字节）',
  sha256: 'SHA-256',
  date: '日期',
  from: '原为',
  to: '改为',
  noticeId: '通报',
  rows: '行',
  reports: '报送',
  unchanged: '未变',
  digest: '摘要',
  targetId: '指标',
  value: '数值',
  unit: '单位',
  before: '修改前',
  after: '修改后',
  year: '年度',
  units: '单位数',
  published: '已发布',
  plan: '方案',
  kind: '类别',
  period: '期间',
  triggers: '触发条件',
  text: '说明',
  mn: '设备编号',
  target: '对象',
  measures: '措施',
  milestones: '节点',
  departments: '部门',
};

/** Chinese names of coded values, by the key they appear under (the pages' own name lists). */
const VALUE_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  role: Object.fromEntries(ROLE_OPTIONS.map((r) => [r.value, r.label])),
  reason: {
    bad_password: '密码错误',
    unknown_user: '用户不存在',
    disabled: '账号已停用',
  },
  decision: Object.fromEntries(DECISIONS.map((d) => [d.value, d.label])),
  kind: NOTICE_KIND,
};
/** Statuses (of dispatch rows and notices) under `from` / `to`. */
const STATUS_NAMES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(TASK_STATUS).map(([k, v]) => [k, v.name])),
  ...NOTICE_STATUS,
};

const MAX_LENGTH = 300;
const INSTANT_KEYS = new Set(['expiresAt', 'at']);

function valueText(key: string, v: unknown, depth: number): string {
  if (v === null || v === undefined || v === '') return '无';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return INSTANT_KEYS.has(key) ? formatDateTime(v) : String(v);
  if (typeof v === 'string') {
    const named = VALUE_NAMES[key]?.[v] ?? ((key === 'from' || key === 'to') && STATUS_NAMES[v]);
    return named || v;
  }
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText(key, x, depth)).join('、') : '无';
  if (typeof v === 'object') {
    if (depth >= 2) return '…';
    return `（${pairs(v as Record<string, unknown>, depth + 1)}）`;
  }
  return String(v);
}

function pairs(o: Record<string, unknown>, depth: number): string {
  return Object.entries(o)
    .map(([k, v]) => `${DETAIL_KEYS[k] ?? k}：${valueText(k, v, depth)}`)
    .join('；');
}

/** An audit entry's detail as one readable Chinese line (empty without detail). */
export function auditDetailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  const text =
    typeof detail === 'object' && !Array.isArray(detail)
      ? pairs(detail as Record<string, unknown>, 0)
      : valueText('', detail, 0);
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
