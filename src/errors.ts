/**
 * The one error catalogue of Lantian. Every error a user can meet has a stable code, an HTTP
 * status, a CLI exit code and a Chinese message. The API answers `{ code, message }`; the CLI
 * prints the message and exits with the code's exit status; the dashboard maps the code to text.
 */

/** One entry of the catalogue. */
export interface ErrorSpec {
  readonly status: number;
  readonly exit: number;
  readonly message: string;
}

/** Exit codes of the CLI, grouped by kind of failure. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  input: 3,
  notFound: 4,
  conflict: 5,
  auth: 6,
  unavailable: 7,
} as const;

export const ERRORS = {
  LT_ERR_INTERNAL: { status: 500, exit: EXIT.internal, message: '内部错误' },
  LT_ERR_BAD_REQUEST: { status: 400, exit: EXIT.usage, message: '请求参数不正确' },
  LT_ERR_USAGE: { status: 400, exit: EXIT.usage, message: '命令用法不正确' },
  LT_ERR_BAD_CONFIG: { status: 500, exit: EXIT.usage, message: '配置不正确' },
  LT_ERR_BAD_ADCODE: {
    status: 400,
    exit: EXIT.usage,
    message: '行政区划代码格式不正确（应为 6 位数字）',
  },
  LT_ERR_NUL_CHARACTER: {
    status: 400,
    exit: EXIT.input,
    message: '输入中含有空字符（NUL，U+0000），不能保存',
  },
  LT_ERR_BAD_DATE: { status: 400, exit: EXIT.usage, message: '日期格式不正确（应为 YYYY-MM-DD）' },
  LT_ERR_BAD_RANGE: {
    status: 400,
    exit: EXIT.usage,
    message: '日期范围不正确（起始日期晚于结束日期或跨度过大）',
  },
  LT_ERR_BAD_EDITION: { status: 400, exit: EXIT.usage, message: '标准版本不正确' },
  LT_ERR_REGION_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '行政区不存在' },
  LT_ERR_STATION_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '监测站点不存在' },
  LT_ERR_POLLUTANT_UNKNOWN: { status: 400, exit: EXIT.input, message: '未知的污染物代码' },
  LT_ERR_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '没有这个地址' },
  LT_ERR_NO_DATA: { status: 404, exit: EXIT.notFound, message: '所选范围内没有监测数据' },
  LT_ERR_FILE_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '文件或目录不存在' },
  LT_ERR_CSV_HEADER: { status: 400, exit: EXIT.input, message: 'CSV 表头不符合要求' },
  LT_ERR_CSV_TRUNCATED: {
    status: 400,
    exit: EXIT.input,
    message: 'CSV 文件不完整（最后一行被截断）',
  },
  LT_ERR_IMPORT_TOO_LARGE: {
    status: 413,
    exit: EXIT.input,
    message: '导入文件解压后超过大小上限，已停止读取',
  },
  LT_ERR_IMPORT_REJECTED: {
    status: 400,
    exit: EXIT.input,
    message: '导入文件含有错误行，未写入任何数据',
  },
  LT_ERR_PLAN_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '工作方案或其版本不存在' },
  LT_ERR_PLAN_EXISTS: { status: 409, exit: EXIT.conflict, message: '工作方案已存在' },
  LT_ERR_PLAN_PUBLISHED: {
    status: 409,
    exit: EXIT.conflict,
    message: '该方案版本已发布，不能修改；请新建草稿版本',
  },
  LT_ERR_PLAN_DRAFT_EXISTS: {
    status: 409,
    exit: EXIT.conflict,
    message: '该方案已有未发布的草稿版本',
  },
  LT_ERR_PLAN_INVALID: { status: 400, exit: EXIT.input, message: '工作方案内容不正确' },
  LT_ERR_TARGET_OUT_OF_RANGE: { status: 400, exit: EXIT.input, message: '目标值超出允许范围' },
  LT_ERR_UNIT_NOT_IN_PLAN: {
    status: 400,
    exit: EXIT.input,
    message: '该县（市、区）不在工作方案中',
  },
  LT_ERR_NOTICE_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '通知不存在' },
  LT_ERR_NOTICE_TRANSITION: {
    status: 409,
    exit: EXIT.conflict,
    message: '通知状态不能这样变更',
  },
  LT_ERR_DB_UNAVAILABLE: { status: 503, exit: EXIT.unavailable, message: '数据库不可用' },
  LT_ERR_DEVICE_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '设备未登记' },
  LT_ERR_ENTERPRISE_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '企业未登记' },
  LT_ERR_OUTLET_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '排放口未登记' },
  LT_ERR_DEVICE_EXISTS: { status: 409, exit: EXIT.conflict, message: '设备已登记（MN 重复）' },
  LT_ERR_BAD_MN: {
    status: 400,
    exit: EXIT.input,
    message: 'MN 格式不正确（应为字母、数字、- 或 _，长度见 LANTIAN_HJ212_MN_MIN/MAX）',
  },
  LT_ERR_BAD_DEVICE: { status: 400, exit: EXIT.input, message: '设备登记信息不正确' },
  LT_ERR_DEVICE_IMPORT_REJECTED: {
    status: 400,
    exit: EXIT.input,
    message: '设备登记表中有被拒绝的行（其余行已保存）',
  },
  LT_ERR_VEHICLE_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '车辆未登记' },
  LT_ERR_VEHICLE_EXISTS: { status: 409, exit: EXIT.conflict, message: '车辆已登记（VIN 重复）' },
  LT_ERR_BAD_VEHICLE: { status: 400, exit: EXIT.input, message: '车辆登记信息不正确' },
  LT_ERR_VEHICLE_IMPORT_REJECTED: {
    status: 400,
    exit: EXIT.input,
    message: '车辆登记表中有被拒绝的行（其余行已保存）',
  },
  LT_ERR_BAD_COMMAND: {
    status: 400,
    exit: EXIT.input,
    message: '设备命令或其参数不正确（见 docs/ingest.md 的“下行命令”）',
  },
  LT_ERR_INGEST_NOT_RUNNING: {
    status: 503,
    exit: EXIT.unavailable,
    message: 'HJ 212 接入服务未运行',
  },
  LT_ERR_UNAUTHENTICATED: { status: 401, exit: EXIT.auth, message: '未登录或登录已失效' },
  LT_ERR_BAD_CREDENTIALS: { status: 401, exit: EXIT.auth, message: '用户名或密码错误' },
  LT_ERR_FORBIDDEN: { status: 403, exit: EXIT.auth, message: '当前角色无权执行此操作' },
  LT_ERR_OUT_OF_SCOPE: { status: 403, exit: EXIT.auth, message: '无权访问其他单位的数据' },
  LT_ERR_CSRF: { status: 403, exit: EXIT.auth, message: '请求来源校验失败' },
  LT_ERR_ACCOUNT_DISABLED: { status: 403, exit: EXIT.auth, message: '账号已停用' },
  LT_ERR_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    exit: EXIT.auth,
    message: '请先修改初始密码（POST /api/auth/password）',
  },
  LT_ERR_RATE_LIMITED: { status: 429, exit: EXIT.auth, message: '登录失败次数过多，请稍后再试' },
  LT_ERR_WEAK_PASSWORD: { status: 400, exit: EXIT.input, message: '密码不符合要求' },
  LT_ERR_BAD_ROLE_BINDING: { status: 400, exit: EXIT.input, message: '角色与所属单位不匹配' },
  LT_ERR_USER_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '用户不存在' },
  LT_ERR_USER_EXISTS: { status: 409, exit: EXIT.conflict, message: '用户名已存在' },
  LT_ERR_LAST_ADMIN: {
    status: 409,
    exit: EXIT.conflict,
    message: '不能停用或降级最后一个启用的市大气办账号',
  },
  LT_ERR_TOKEN_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '令牌不存在' },
  LT_ERR_TOKEN_EXISTS: { status: 409, exit: EXIT.conflict, message: '该用户已有同名的有效令牌' },
  LT_ERR_TASK_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '重点任务不存在' },
  LT_ERR_TASKS_INVALID: { status: 400, exit: EXIT.input, message: '重点任务数据不正确' },
  LT_ERR_DEPARTMENT_NOT_FOUND: {
    status: 404,
    exit: EXIT.notFound,
    message: '部门不在责任部门名录中',
  },
  LT_ERR_UNIT_NOT_RESPONSIBLE: {
    status: 400,
    exit: EXIT.input,
    message: '该单位不是这项任务的责任单位',
  },
  LT_ERR_VALUE_OUT_OF_SCOPE: { status: 400, exit: EXIT.input, message: '填报值超出目标范围' },
  LT_ERR_ALARM_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '告警不存在' },
  LT_ERR_ALARM_STATE: {
    status: 409,
    exit: EXIT.conflict,
    message: '告警当前状态不允许此操作（已确认或已关闭）',
  },
  LT_ERR_ALARM_EVIDENCE_COUNT: {
    status: 400,
    exit: EXIT.input,
    message: '一次说明附带的证明材料文件过多',
  },
  LT_ERR_ATTACHMENT_TOO_LARGE: { status: 413, exit: EXIT.input, message: '附件过大' },
  LT_ERR_ATTACHMENT_TYPE: { status: 415, exit: EXIT.input, message: '附件类型不允许' },
  LT_ERR_ATTACHMENT_DUPLICATE: {
    status: 400,
    exit: EXIT.input,
    message: '同一份报告中附件重复',
  },
  LT_ERR_REPORT_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '进展报告不存在' },
  LT_ERR_REPORT_NOT_REVIEWABLE: {
    status: 409,
    exit: EXIT.conflict,
    message: '该进展报告不能审核（已审核或已有更新版本）',
  },
  LT_ERR_SHEET_HEADER: { status: 400, exit: EXIT.input, message: '调度表表头不符合要求' },
  LT_ERR_SHEET_LIMIT: {
    status: 413,
    exit: EXIT.input,
    message: '表格超出读取上限（解压后大小、行数、单元格数或所需内存、时间）',
  },
  // Enterprise registry (docs/sources.md, Registry).
  LT_ERR_BAD_CREDIT_CODE: {
    status: 400,
    exit: EXIT.input,
    message: '统一社会信用代码不正确（GB 32100：18 位，校验位不符或含 I、O、Z、S、V）',
  },
  LT_ERR_INDUSTRY_UNKNOWN: {
    status: 400,
    exit: EXIT.input,
    message: '行业不在行业代码表中（data/sources/industries.json）',
  },
  LT_ERR_BAD_ENTERPRISE: { status: 400, exit: EXIT.input, message: '企业登记信息不正确' },
  LT_ERR_ENTERPRISE_EXISTS: {
    status: 409,
    exit: EXIT.conflict,
    message: '企业已登记（统一社会信用代码重复）',
  },
  LT_ERR_REGISTRY_PART_NOT_FOUND: {
    status: 404,
    exit: EXIT.notFound,
    message: '企业的生产线、治污设施或排放口不存在',
  },
  LT_ERR_REGISTRY_CODE_EXISTS: {
    status: 409,
    exit: EXIT.conflict,
    message: '编码重复（生产线、治污设施或排放口编码已被使用）',
  },
  LT_ERR_BAD_OUTLET: { status: 400, exit: EXIT.input, message: '排放口登记信息不正确' },
  LT_ERR_OUTLET_MN_TAKEN: {
    status: 409,
    exit: EXIT.conflict,
    message: '该 MN 的设备已为其他企业的排放口上报，或在同一导入中重复',
  },
  LT_ERR_REGISTRY_FORM: {
    status: 400,
    exit: EXIT.input,
    message: '企业名录表格式不符合要求（表头或工作表）',
  },
  // Heavy-pollution warnings: forecasts, grading rules and the warning lifecycle (docs/warnings.md).
  LT_ERR_FORECAST_INVALID: { status: 400, exit: EXIT.input, message: '预报数据格式不正确' },
  LT_ERR_FORECAST_EMPTY: { status: 400, exit: EXIT.input, message: '预报中没有任何一天' },
  LT_ERR_FORECAST_TOO_LONG: { status: 400, exit: EXIT.input, message: '预报天数或数据量超出上限' },
  LT_ERR_FORECAST_GAP: { status: 400, exit: EXIT.input, message: '预报日期不连续（中间缺少日期）' },
  LT_ERR_FORECAST_DUPLICATE_DATE: { status: 400, exit: EXIT.input, message: '预报中有重复的日期' },
  LT_ERR_FORECAST_AQI_RANGE: { status: 400, exit: EXIT.input, message: 'AQI 超出 0–500 的范围' },
  // Stored forecasts (src/warnings/forecasts, docs/warnings.md "Forecasts").
  LT_ERR_FORECAST_TOO_SHORT: { status: 400, exit: EXIT.input, message: '预报天数少于要求' },
  LT_ERR_FORECAST_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '预报版本不存在' },
  LT_ERR_WARNING_RULES_INVALID: { status: 400, exit: EXIT.input, message: '本地预警规则不正确' },
  LT_ERR_WARNING_TRANSITION: { status: 409, exit: EXIT.conflict, message: '预警状态不能这样变更' },
  LT_ERR_WARNING_UNSUPPORTED: {
    status: 409,
    exit: EXIT.conflict,
    message: '预报不满足该预警操作的条件，须填写理由才能执行',
  },
  LT_ERR_WARNING_OVERRIDE_REASON: {
    status: 400,
    exit: EXIT.input,
    message: '越过预报条件操作预警必须填写理由',
  },
  // Warning episodes, decisions, notices and confirmations (docs/warnings.md, Episodes and notices).
  LT_ERR_WARNING_EPISODE_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '预警过程不存在' },
  LT_ERR_WARNING_DECISION_NOT_FOUND: {
    status: 404,
    exit: EXIT.notFound,
    message: '预警决定不存在',
  },
  LT_ERR_WARNING_FORECAST_UNKNOWN: {
    status: 400,
    exit: EXIT.input,
    message: '所依据的预报版本不存在或不属于该区域',
  },
  LT_ERR_WARNING_ALREADY_CONFIRMED: {
    status: 409,
    exit: EXIT.conflict,
    message: '本单位已确认启动该预警的响应',
  },
  // Emergency-reduction lists (一企一策) of the warnings domain (docs/warnings.md).
  LT_ERR_BAD_MEASURES: { status: 400, exit: EXIT.input, message: '应急减排措施不正确' },
  LT_ERR_OVERRIDE_NOT_FOUND: {
    status: 404,
    exit: EXIT.notFound,
    message: '该企业该级别没有一企一策措施',
  },
  LT_ERR_LIST_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '应急减排清单不存在' },
  LT_ERR_LIST_NOT_DRAFT: {
    status: 409,
    exit: EXIT.conflict,
    message: '只有草稿状态的清单可以发布',
  },
  LT_ERR_LIST_SHORTFALL: {
    status: 409,
    exit: EXIT.conflict,
    message: '清单预计减排量未达到该预警级别的减排目标，须填写理由才能发布',
  },
  // Compliance during an episode and its evaluation (docs/warnings.md, Compliance and evaluation).
  LT_ERR_WARNING_VIOLATION_NOT_FOUND: {
    status: 404,
    exit: EXIT.notFound,
    message: '违规记录不存在',
  },
  LT_ERR_WARNING_VIOLATION_STATE: {
    status: 409,
    exit: EXIT.conflict,
    message: '违规记录当前状态不允许此操作（已关闭）',
  },
  // Electricity sub-metering and LDAR of enterprises (docs/sources.md).
  LT_ERR_POWER_METER_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '电表不存在' },
  LT_ERR_POWER_METER_EXISTS: {
    status: 409,
    exit: EXIT.conflict,
    message: '该企业已有此编号的电表',
  },
  LT_ERR_BAD_POWER_METER: { status: 400, exit: EXIT.input, message: '电表登记信息不正确' },
  LT_ERR_POWER_DEVICE_TAKEN: {
    status: 409,
    exit: EXIT.conflict,
    message: '该数采仪或其功率因子编码已被占用',
  },
  LT_ERR_BAD_POWER_READING: { status: 400, exit: EXIT.input, message: '电表读数不正确' },
  LT_ERR_TOO_MANY_READINGS: { status: 413, exit: EXIT.input, message: '一次上传的读数超过上限' },
  LT_ERR_BAD_LDAR_ROUND: { status: 400, exit: EXIT.input, message: 'LDAR 检测轮次信息不正确' },
  LT_ERR_LDAR_ROUND_EXISTS: { status: 409, exit: EXIT.conflict, message: '该企业该年度已有此轮次' },
  LT_ERR_LDAR_ROUND_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: 'LDAR 检测轮次不存在' },
  // Raw-frame archive of the heavy-truck listener (docs/trucks.md, Raw archive).
  LT_ERR_TRUCK_ARCHIVE_DIR: {
    status: 503,
    exit: EXIT.unavailable,
    message: '卡车原始帧存档目录不可用',
  },
  LT_ERR_TRUCK_ARCHIVE_IO: {
    status: 503,
    exit: EXIT.unavailable,
    message: '卡车原始帧存档读写失败',
  },
  LT_ERR_TRUCK_ARCHIVE_BAD_FRAME: { status: 400, exit: EXIT.input, message: '待存档的帧不正确' },
  LT_ERR_TRUCK_ARCHIVE_BAD_DAY: {
    status: 400,
    exit: EXIT.usage,
    message: '存档日期格式不正确（应为 YYYY-MM-DD）',
  },
  LT_ERR_TRUCK_ARCHIVE_CLOSED: {
    status: 503,
    exit: EXIT.unavailable,
    message: '卡车原始帧存档已关闭',
  },
  LT_ERR_TRUCK_PLATFORM_NOT_FOUND: {
    status: 404,
    exit: EXIT.notFound,
    message: '转发平台未登记',
  },
  LT_ERR_TRUCK_PLATFORM_EXISTS: {
    status: 409,
    exit: EXIT.conflict,
    message: '转发平台已登记（登录用户名重复）',
  },
  LT_ERR_BAD_TRUCK_PLATFORM: { status: 400, exit: EXIT.input, message: '转发平台登记信息不正确' },
  LT_ERR_TIPOFF_INPUT: { status: 400, exit: EXIT.input, message: '举报内容不完整或格式不正确' },
  LT_ERR_TIPOFF_CHALLENGE: { status: 400, exit: EXIT.input, message: '验证题未通过' },
  LT_ERR_TIPOFF_OUTSIDE_CITY: { status: 400, exit: EXIT.input, message: '举报位置不在本市范围内' },
  LT_ERR_TIPOFF_RATE_LIMITED: {
    status: 429,
    exit: EXIT.input,
    message: '举报提交过于频繁，请稍后再试',
  },
  LT_ERR_TIPOFF_FILES: { status: 400, exit: EXIT.input, message: '照片视频个数超过上限' },
  LT_ERR_TIPOFF_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '举报不存在' },
  LT_ERR_TIPOFF_STATE: { status: 409, exit: EXIT.conflict, message: '举报当前状态不允许此操作' },
  LT_ERR_TIPOFF_NO_REWARD: { status: 409, exit: EXIT.conflict, message: '按奖励规则不予奖励' },
  LT_ERR_GATE_LEDGER_BAD_ROW: { status: 400, exit: EXIT.input, message: '台账行内容不正确' },
  LT_ERR_GATE_LEDGER_UNKNOWN_ENTERPRISE: {
    status: 400,
    exit: EXIT.input,
    message: '台账行的统一社会信用代码不是可见范围内已登记的企业',
  },
  LT_ERR_GATE_LEDGER_BAD_PERIOD: {
    status: 400,
    exit: EXIT.usage,
    message: '时间段不正确（起止日期须为 YYYY-MM-DD，起不晚于止，最长 366 天）',
  },
  LT_ERR_GATE_LEDGER_LIVE_BUSY: {
    status: 429,
    exit: EXIT.unavailable,
    message: '本账号同时打开的门禁实时画面已达上限，请先关闭其他页面',
  },
  LT_ERR_GATE_LEDGER_LIVE_FULL: {
    status: 503,
    exit: EXIT.unavailable,
    message: '门禁实时推送的连接数已满，请稍后再试',
  },
  LT_ERR_GATE_RETENTION_TOO_SHORT: {
    status: 500,
    exit: EXIT.usage,
    message: '门禁记录保存期限不能短于 90 天',
  },
  // Gate systems (门禁, docs/mobile-sources.md).
  LT_ERR_GATE_CREDENTIAL: { status: 401, exit: EXIT.auth, message: '门禁凭据无效' },
  LT_ERR_GATE_MISMATCH: { status: 403, exit: EXIT.auth, message: '门禁凭据与门禁编号不符' },
  LT_ERR_GATE_BAD_RECORD: { status: 400, exit: EXIT.input, message: '通行记录格式不正确' },
  LT_ERR_GATE_BAD_TIME: { status: 400, exit: EXIT.input, message: '通行时间不正确' },
  LT_ERR_GATE_BAD_STAGE: {
    status: 400,
    exit: EXIT.input,
    message: '排放阶段不正确（应为 0–6 或 D）',
  },
  LT_ERR_GATE_PHOTO_TYPE: {
    status: 415,
    exit: EXIT.input,
    message: '门禁照片不是 JPEG 或 PNG 图片',
  },
  LT_ERR_GATE_PHOTO_TOO_LARGE: { status: 413, exit: EXIT.input, message: '门禁照片或请求过大' },
  LT_ERR_GATE_PHOTO_UNKNOWN: {
    status: 400,
    exit: EXIT.input,
    message: '引用的门禁照片不存在（须先由本门禁上传）',
  },
  LT_ERR_GATE_RATE: { status: 429, exit: EXIT.auth, message: '门禁凭据错误次数过多，请稍后再试' },
  LT_ERR_GATE_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '门禁不存在' },
  LT_ERR_GATE_BAD_INPUT: {
    status: 400,
    exit: EXIT.input,
    message: '门禁登记、黑名单或运能设置信息不正确',
  },
  LT_ERR_GATE_BLACKLIST_NOT_FOUND: {
    status: 404,
    exit: EXIT.notFound,
    message: '黑名单记录不存在或已移除',
  },
  LT_ERR_GATE_RULE_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '运能设置不存在' },
  LT_ERR_GATE_VIOLATION_NOT_FOUND: {
    status: 404,
    exit: EXIT.notFound,
    message: '门禁违规记录不存在',
  },
  LT_ERR_GATE_VIOLATION_STATE: { status: 409, exit: EXIT.conflict, message: '门禁违规记录已关闭' },
  LT_ERR_GATE_PHOTO_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '门禁照片不存在' },
  // Open burning: fire points, dispatch and answers (docs/dust-fires-reports.md § 露天焚烧).
  LT_ERR_FIRE_CSV_HEADER: {
    status: 400,
    exit: EXIT.input,
    message: '火点文件表头不符合要求（须含 latitude、longitude、acq_date、acq_time）',
  },
  LT_ERR_FIRE_FILE_TOO_LARGE: { status: 413, exit: EXIT.input, message: '火点文件过大' },
  LT_ERR_FIRE_ROW_FORMAT: {
    status: 400,
    exit: EXIT.input,
    message: '火点行格式错误（列数不符或引号未闭合）',
  },
  LT_ERR_FIRE_ROW_COORD: { status: 400, exit: EXIT.input, message: '火点经纬度不正确' },
  LT_ERR_FIRE_ROW_TIME: { status: 400, exit: EXIT.input, message: '火点观测日期或时间不正确' },
  LT_ERR_FIRE_ROW_CONFIDENCE: { status: 400, exit: EXIT.input, message: '火点置信度不正确' },
  LT_ERR_FIRE_ROW_NUMBER: {
    status: 400,
    exit: EXIT.input,
    message: '火点亮温、功率或像元尺寸不是数值',
  },
  LT_ERR_FIRE_OUTSIDE_CITY: { status: 400, exit: EXIT.input, message: '位置不在本市行政区域内' },
  LT_ERR_FIRE_CAMERA_AUTH: { status: 401, exit: EXIT.auth, message: '摄像机编号或密钥不正确' },
  LT_ERR_FIRE_CAMERA_EXISTS: { status: 409, exit: EXIT.conflict, message: '摄像机编号已登记' },
  LT_ERR_FIRE_CAMERA_ALARM: { status: 400, exit: EXIT.input, message: '摄像机报警内容不正确' },
  LT_ERR_FIRE_RATE_LIMITED: {
    status: 429,
    exit: EXIT.input,
    message: '报警上报过于频繁，请稍后再试',
  },
  LT_ERR_FIRE_EVENT_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '火情不存在' },
  LT_ERR_FIRE_EVENT_STATE: {
    status: 409,
    exit: EXIT.conflict,
    message: '火情已反馈，不能再次反馈',
  },
  LT_ERR_FIRE_PHOTOS: {
    status: 400,
    exit: EXIT.input,
    message: '核查反馈须附现场照片（张数超出范围）',
  },
  LT_ERR_DUST_SOURCE_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '扬尘源不存在' },
  LT_ERR_DUST_BAD_SOURCE: { status: 400, exit: EXIT.input, message: '扬尘源登记信息不正确' },
  LT_ERR_DUST_POINT_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '降尘采样点不存在' },
  LT_ERR_DUST_POINT_EXISTS: { status: 409, exit: EXIT.conflict, message: '降尘采样点编号已登记' },
  LT_ERR_DUST_BAD_SAMPLE: { status: 400, exit: EXIT.input, message: '降尘样品数据不正确' },
  LT_ERR_DUST_NOT_PLAN_UNIT: {
    status: 400,
    exit: EXIT.input,
    message: '该行政区不是方案中的考核单位',
  },
  LT_ERR_DUST_INSPECTION_NOT_FOUND: {
    status: 404,
    exit: EXIT.notFound,
    message: '扬尘检查记录不存在',
  },
  LT_ERR_DUST_INSPECTION_STATE: {
    status: 409,
    exit: EXIT.conflict,
    message: '该检查记录当前状态不允许整改销号',
  },
  LT_ERR_DUST_MONITOR_LINKED: {
    status: 409,
    exit: EXIT.conflict,
    message: '该设备已关联其他扬尘源',
  },
  LT_ERR_MACHINERY_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '非道路移动机械未登记' },
  LT_ERR_MACHINERY_CODE_EXISTS: {
    status: 409,
    exit: EXIT.conflict,
    message: '登记编码已被使用',
  },
  LT_ERR_MACHINERY_BAD_INPUT: {
    status: 400,
    exit: EXIT.input,
    message: '非道路移动机械登记信息不正确',
  },
  LT_ERR_MACHINERY_BAD_CODE: {
    status: 400,
    exit: EXIT.input,
    message: '登记编码格式不正确（应为 1–32 位字母、数字或 -）',
  },
  LT_ERR_MACHINERY_SITE_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '场所未登记' },
  LT_ERR_MACHINERY_ZONE_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '低排放区不存在' },
  LT_ERR_MACHINERY_BAD_ZONE: { status: 400, exit: EXIT.input, message: '低排放区边界不正确' },
  LT_ERR_MACHINERY_BAD_POSITION: {
    status: 400,
    exit: EXIT.input,
    message: '现场检查信息不正确（位置、黑度等）',
  },
  LT_ERR_MACHINERY_PHOTO_COUNT: { status: 400, exit: EXIT.input, message: '照片张数超过上限' },
  LT_ERR_MACHINERY_PHOTO_NOT_FOUND: { status: 404, exit: EXIT.notFound, message: '照片不存在' },
  LT_ERR_MACHINERY_VIOLATION_NOT_FOUND: {
    status: 404,
    exit: EXIT.notFound,
    message: '违规记录不存在',
  },
  LT_ERR_MACHINERY_BAD_STATUS: {
    status: 409,
    exit: EXIT.conflict,
    message: '违规记录不能变更为该状态',
  },
  // Remote sensing, black smoke and roadside checks (docs/mobile-sources.md).
  LT_ERR_ROADSIDE_BAD_DEVICE: {
    status: 400,
    exit: EXIT.input,
    message: '遥感/黑烟抓拍/路检设备登记信息不正确',
  },
  LT_ERR_ROADSIDE_DEVICE_EXISTS: { status: 409, exit: EXIT.conflict, message: '设备编号已登记' },
  LT_ERR_ROADSIDE_DEVICE_NOT_FOUND: {
    status: 404,
    exit: EXIT.notFound,
    message: '遥感/黑烟抓拍/路检设备未登记',
  },
  LT_ERR_ROADSIDE_PHOTO_NOT_FOUND: {
    status: 404,
    exit: EXIT.notFound,
    message: '照片不存在或不在本辖区',
  },
  LT_ERR_ROADSIDE_DEVICE_TOKEN: {
    status: 401,
    exit: EXIT.auth,
    message: '设备凭证无效或不属于该设备',
  },
  LT_ERR_ROADSIDE_RATE_LIMITED: {
    status: 429,
    exit: EXIT.input,
    message: '上报过于频繁，请稍后再试',
  },
  LT_ERR_ROADSIDE_BAD_RECORD: { status: 400, exit: EXIT.input, message: '监测记录不正确' },
  LT_ERR_ROADSIDE_BAD_TIME: {
    status: 400,
    exit: EXIT.input,
    message: '监测时间不可能（无效、早于 2000 年或晚于当前时间）',
  },
  LT_ERR_ROADSIDE_BAD_INSPECTION: { status: 400, exit: EXIT.input, message: '检验记录不正确' },
  // Scale (issue 14): ingest and writer roles on NATS JetStream.
  LT_ERR_NATS_PUBLISH: {
    status: 503,
    exit: EXIT.unavailable,
    message: 'NATS JetStream 未确认发布（未应答设备，稍后重试）',
  },
  LT_ERR_SCALE_NEEDS_NATS: {
    status: 500,
    exit: EXIT.usage,
    message: '该角色需要 NATS：请设置 LANTIAN_NATS_URL',
  },
  LT_ERR_SCALE_BAD_ROLE: {
    status: 500,
    exit: EXIT.usage,
    message: '角色不正确（应为 all、api、ingest、writer、rollup 或 alerts）',
  },
  LT_ERR_STREAM_BAD_TIME: {
    status: 400,
    exit: EXIT.usage,
    message: '重放起始时间不正确（应为带时区的 ISO 8601 时间，且不晚于当前时间）',
  },
  LT_ERR_STREAM_BAD_CONSUMER: {
    status: 400,
    exit: EXIT.usage,
    message: '消费者不正确（应为 rollup 或 alerts）',
  },
  LT_ERR_STREAM_NOT_FOUND: {
    status: 404,
    exit: EXIT.notFound,
    message: 'NATS 上没有这个 JetStream 流',
  },
  LT_ERR_STREAM_UNREACHABLE: {
    status: 503,
    exit: EXIT.unavailable,
    message: '连不上 NATS 服务器',
  },
  // Scale (issue 14): a read-only replica for the API's read-heavy routes (DATABASE_READ_URL).
  LT_ERR_READ_REPLICA_NEEDS_PG: {
    status: 500,
    exit: EXIT.usage,
    message:
      'DATABASE_READ_URL 只能与 PostgreSQL 一起使用：请同时设置 DATABASE_URL，或去掉 DATABASE_READ_URL',
  },
  LT_ERR_READ_REPLICA_UNAVAILABLE: {
    status: 503,
    exit: EXIT.unavailable,
    message: '只读副本数据库不可用（DATABASE_READ_URL）',
  },
  LT_ERR_PARTITION_NEEDS_POSTGRES: {
    status: 500,
    exit: EXIT.usage,
    message: '月分区只用于 PostgreSQL：请设置 DATABASE_URL（SQLite 存储没有分区）',
  },
  LT_ERR_PARTITION_NO_RETENTION: {
    status: 400,
    exit: EXIT.usage,
    message: '未设置保留期限：请设置 LANTIAN_PARTITION_RETENTION_MONTHS 或使用 --keep-months',
  },
  // Scale (issue 14): heavy-truck frames on JetStream.
  LT_ERR_SCALE_OBD_PUBLISH: {
    status: 503,
    exit: EXIT.unavailable,
    message: 'NATS JetStream 未确认重型车报文的发布（未应答终端，稍后重试）',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** An error with a stable catalogue code; `detail` says what exactly was wrong. */
export class LantianError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, detail?: string, extra?: Record<string, unknown>) {
    super(detail ? `${ERRORS[code].message}：${detail}` : ERRORS[code].message);
    this.name = 'LantianError';
    this.code = code;
    this.detail = detail;
    this.extra = extra;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  get exitCode(): number {
    return ERRORS[this.code].exit;
  }
}

/** True when `e` is a catalogue error, optionally of the given code. */
export function isLantianError(e: unknown, code?: ErrorCode): e is LantianError {
  return e instanceof LantianError && (code === undefined || e.code === code);
}
