/** zod schemas of the heavy-truck API (/api/trucks). */
import { z } from 'zod';
import { ErrorBody } from '../http/error-body.ts';

/** Body of POST /api/trucks/vehicles; domain checks (stable codes) in rules/vehicle-rules.ts. */
export const VehicleCreateBody = z.object({
  vin: z.string().describe('车辆识别代号 VIN（17 位，GB 16735）'),
  plate: z.string().describe('车牌号'),
  plateColour: z.string().describe('车牌颜色：黄、蓝、绿、黄绿、白、黑'),
  emissionStage: z.string().describe('排放阶段：国三、国四、国五、国六、国六a、国六b'),
  fuel: z.string().describe('燃料：柴油、天然气、汽油、混合动力、其他'),
  county: z.string().describe('所属区县的行政区划代码（6 位，须已登记）'),
  owner: z.string().nullable().optional().describe('所属单位或车主'),
  fleet: z.string().nullable().optional().describe('车队或服务的重点用车单位'),
  iccid: z.string().nullable().optional().describe('终端 SIM 卡 ICCID'),
  chipId: z.string().nullable().optional().describe('终端安全芯片 ID'),
  replyMode: z
    .string()
    .optional()
    .describe('hj（HJ 1239：逐条应答，默认）或 gb（GB 17691：只应答校时）'),
  layout: z
    .string()
    .nullable()
    .optional()
    .describe('实时数据布局（优先尝试）：hj1239、gb-serial-first、gb-serial-per-block'),
  signKey: z
    .string()
    .nullable()
    .optional()
    .describe('终端安全芯片的 SM2 公钥（128 位十六进制 X‖Y）；配置后验证激活与实时数据的签名'),
});

/** Body of PATCH /api/trucks/vehicles/:vin (only the fields given change). */
export const VehiclePatchBody = VehicleCreateBody.omit({ vin: true }).partial();

/** A vehicle's last status. */
export const VehicleStatusOut = z.object({
  online: z.boolean().describe('在线：最近一帧在在线判定时长内（LANTIAN_TRUCKS_ONLINE_S）'),
  connected: z.boolean().describe('当前有 TCP 连接并已登入（仅在接入服务运行时为真）'),
  lastFrameAt: z.number().nullable().describe('最近一帧的接收时间（UTC 毫秒）'),
  lastRecordTime: z.number().nullable().describe('最近一条记录的采集时间（UTC 毫秒）'),
  lastLon: z.number().nullable(),
  lastLat: z.number().nullable(),
  lastSpeed: z.number().nullable().describe('km/h'),
  lastLoginAt: z.number().nullable(),
  records: z.number().describe('已入库记录数（补发重复的不计）'),
});

/** A vehicle as the API shows it. */
export const VehicleOut = z.object({
  vin: z.string(),
  plate: z.string(),
  plateColour: z.string(),
  emissionStage: z.string(),
  fuel: z.string(),
  owner: z.string().nullable(),
  fleet: z.string().nullable(),
  county: z.string(),
  iccid: z.string().nullable(),
  chipId: z.string().nullable(),
  replyMode: z.string(),
  layout: z.string().nullable(),
  signKey: z.string().nullable().describe('SM2 公钥（128 位十六进制），未配置为 null'),
  createdAt: z.number(),
  updatedAt: z.number(),
  status: VehicleStatusOut,
});

/** One rule flag of a record. */
export const RecordFlagOut = z.object({
  code: z.string(),
  detail: z.string(),
});

/** One stored record (an information block of a real-time or reissue frame). */
export const TruckRecordOut = z.object({
  time: z.number().describe('采集时间（UTC 毫秒）'),
  type: z.number().describe('信息类型：2 数据流，1 OBD，128 补充数据流 …'),
  seq: z.number(),
  reissue: z.boolean().describe('来自补发（0x03）'),
  speed: z.number().nullable().describe('km/h'),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  fixValid: z.boolean().nullable(),
  noxUpstream: z.number().nullable().describe('SCR 上游 NOx，ppm'),
  noxDownstream: z.number().nullable().describe('SCR 下游 NOx，ppm'),
  scrInletTemp: z.number().nullable().describe('°C'),
  scrOutletTemp: z.number().nullable().describe('°C'),
  reagent: z.number().nullable().describe('反应剂余量，%'),
  rpm: z.number().nullable(),
  torque: z.number().nullable().describe('发动机净输出扭矩，%'),
  fuelFlow: z.number().nullable().describe('L/h'),
  airFlow: z.number().nullable().describe('进气量，kg/h'),
  mileage: z.number().nullable().describe('km'),
  extra: z.record(z.string(), z.unknown()).nullable().describe('其他信息体（OBD、补充数据流等）'),
  flags: z.array(RecordFlagOut).describe('判定规则标记（空为无）'),
  ruleVersion: z.string().nullable(),
  receivedAt: z.number(),
});

/** A vehicle's recent records, newest first. */
export const VehicleRecordsOut = z.object({
  vin: z.string(),
  records: z.array(TruckRecordOut),
});

/** Counts of the terminal listener. */
export const TruckListenerOut = z.object({
  running: z.boolean(),
  port: z.number().nullable(),
  connections: z.number(),
  connectionsRefused: z.number().describe('因连接数或单地址连接数上限被拒绝的连接'),
  framesAccepted: z.number(),
  rejections: z.record(z.string(), z.number()).describe('按原因统计的拒收帧数'),
});

/** GET /api/trucks/status. */
export const TrucksStatusOut = z.object({
  vehicles: z.number().describe('可见的登记车辆数'),
  online: z.number().describe('在线车辆数'),
  connected: z.number().describe('当前已连接并登入的车辆数'),
  onlineWindowS: z.number(),
  listener: TruckListenerOut.nullable().describe('接入服务计数（仅市级账号可见）'),
});

/** One rejected frame (kept in memory by the running listener, the last 200). */
export const RejectionOut = z.object({
  at: z.number(),
  peer: z.string(),
  reason: z.string().describe('拒收原因代码（unknown_vin、bcc_mismatch、bad_vin …）'),
  detail: z.string(),
  vin: z.string().nullable(),
  command: z.number().nullable(),
  raw: z.string().describe('报文前 256 字节（十六进制）'),
});

/** Body of POST /api/trucks/platforms (a forwarding platform, `~~` platform login). */
export const PlatformCreateBody = z.object({
  name: z.string().describe('平台名称'),
  username: z.string().describe('平台登入用户名（不超过 12 个 ASCII 字符）'),
  password: z.string().describe('平台登入密码（6–20 个可见 ASCII 字符；只保存散列）'),
  region: z.string().describe('可转发车辆的范围：市或区县的行政区划代码'),
});

/** Body of PATCH /api/trucks/platforms/:id. */
export const PlatformPatchBody = z.object({
  enabled: z.boolean().describe('false 停用（其平台登入被拒绝），true 启用'),
});

/** A forwarding platform with what the running listener counted for it. */
export const PlatformOut = z.object({
  id: z.number(),
  name: z.string(),
  username: z.string(),
  enabled: z.boolean(),
  region: z.string(),
  createdBy: z.string(),
  createdAt: z.number(),
  lastLoginAt: z.number().nullable(),
  lastLoginPeer: z.string().nullable(),
  live: z
    .object({
      connections: z.number().describe('当前已登入的连接数'),
      frames: z.number().describe('接入服务启动以来转发并接收的帧数'),
      vehicles: z.number().describe('转发过的不同车辆数'),
      lastSeen: z.number().nullable().describe('最近一帧的接收时间（UTC 毫秒）'),
    })
    .nullable()
    .describe('接入服务的计数（本进程未运行接入服务或该平台未登入过时为 null）'),
});
