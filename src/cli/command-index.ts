/**
 * The top-level commands of `lantian`, listed cheaply: the name and description the help shows,
 * and the module that registers the command with its options and implementation, imported only
 * when that command runs (`lantian --version` and `lantian --help` import none). A test checks
 * that each module registers exactly the commands and descriptions listed here.
 */
import type { Command } from 'commander';

/** Registers one or more top-level commands on the program. */
export type Register = (program: Command) => void;

/** Commands registered by one module. */
export interface CommandModule {
  /** Top-level command names and descriptions, in the order the help lists them. */
  readonly commands: ReadonlyArray<{ readonly name: string; readonly description: string }>;
  /** Imports the module and returns its registration functions, in order. */
  readonly load: () => Promise<Register[]>;
}

/** Every top-level command, in help order. */
export const COMMAND_MODULES: readonly CommandModule[] = [
  {
    commands: [
      { name: 'serve', description: '启动蓝天平台（HTTP 接口与页面，默认 http://localhost:8080）' },
    ],
    load: async () => [(await import('./commands/serve.ts')).registerServeCommand],
  },
  {
    commands: [{ name: 'import', description: '导入监测数据' }],
    load: async () => [(await import('./commands/import.ts')).registerImportCommands],
  },
  {
    commands: [
      { name: 'assess', description: '按 HJ 663 评价行政区的环境空气质量（年、季、月或任意时段）' },
      { name: 'aqi', description: '空气质量指数' },
    ],
    load: async () => [(await import('./commands/air.ts')).registerAirCommands],
  },
  {
    commands: [{ name: 'demo', description: '演示数据' }],
    load: async () => [(await import('./commands/demo.ts')).registerDemoCommand],
  },
  {
    commands: [{ name: 'openapi', description: '输出 HTTP 接口的 OpenAPI 文档（JSON）' }],
    load: async () => [(await import('./commands/openapi.ts')).registerOpenApiCommand],
  },
  {
    commands: [
      { name: 'region', description: '行政区管理' },
      { name: 'station', description: '监测站点管理' },
    ],
    load: async () => [(await import('./commands/registry.ts')).registerRegistryCommands],
  },
  {
    commands: [
      {
        name: 'hj212',
        description: 'HJ 212 报文工具：解析设备发来的报文、按 JSON 生成报文（供设备安装调试使用）',
      },
    ],
    load: async () => [
      (await import('./commands/hj212.ts')).registerHj212Commands,
      (await import('./commands/hj212-archive.ts')).registerHj212ArchiveCommand,
    ],
  },
  {
    commands: [{ name: 'sources', description: '污染源：在线监测小时数据与达标' }],
    load: async () => [(await import('./commands/sources-cems.ts')).registerSourcesCemsCommands],
  },
  {
    commands: [
      {
        name: 'device',
        description: 'HJ 212 设备（数采仪）登记：MN、站点或排放口、密码、协议版本、CRC',
      },
    ],
    load: async () => [(await import('./commands/device.ts')).registerDeviceCommands],
  },
  {
    commands: [
      {
        name: 'gb17691',
        description:
          '重型车远程排放监控报文工具（GB 17691-2018 附录 Q / HJ 1239）：解析终端报文、按 JSON 生成报文',
      },
    ],
    load: async () => [(await import('./commands/gb17691.ts')).registerGb17691Commands],
  },
  {
    commands: [
      {
        name: 'trucks',
        description: '重型车远程排放监控：车辆与车载终端登记（GB 17691 附录 Q / HJ 1239）',
      },
    ],
    load: async () => [(await import('./commands/trucks.ts')).registerTrucksCommands],
  },
  {
    commands: [
      {
        name: 'power',
        description: '分表计电：把数采仪上传的功率转为电表读数，查看生产线与治污设施的运行状态',
      },
    ],
    load: async () => [(await import('./commands/power.ts')).registerPowerCommands],
  },
  {
    commands: [
      {
        name: 'simulate',
        description:
          '模拟一批 HJ 212 数采仪（空气站 ST=22、烟气 CEMS ST=31）向平台发送数据：等待 9014 应答并按超时重发，随机拆包、粘包，数值有日变化和季节变化（用于演示和压力测试）',
      },
    ],
    load: async () => [(await import('./commands/simulate.ts')).registerSimulateCommand],
  },
  {
    commands: [
      {
        name: 'simulate-trucks',
        description:
          '模拟一批重型车车载终端（GB 17691 / HJ 1239）：登入、每 10 秒一帧 1 Hz 数据、校时、断线后补发、登出；含冷启动、SCR 故障和作弊车辆；可写出车辆登记表供 trucks vehicle import 使用',
      },
    ],
    load: async () => [
      (await import('./commands/simulate-trucks.ts')).registerSimulateTrucksCommand,
    ],
  },
  {
    commands: [{ name: 'user', description: '用户与 API 令牌管理' }],
    load: async () => [(await import('./commands/user.ts')).registerUserCommands],
  },
  {
    commands: [{ name: 'plan', description: '工作方案：目标、版本、时序进度、排名和通知' }],
    load: async () => [(await import('./commands/plan.ts')).registerPlanCommands],
  },
  {
    commands: [{ name: 'report', description: '报表' }],
    load: async () => [(await import('./commands/report.ts')).registerReportCommands],
  },
  {
    commands: [
      { name: 'enterprise', description: '企业名录：企业、生产线、治污设施、排放口与限值' },
    ],
    load: async () => [(await import('./commands/enterprise.ts')).registerEnterpriseCommands],
  },
  {
    commands: [{ name: 'tasks', description: '重点任务调度：任务、进展报送、审核、调度表、预警' }],
    load: async () => [(await import('./commands/tasks.ts')).registerTasksCommands],
  },
  {
    commands: [
      {
        name: 'warning',
        description: '重污染天气预警：按预报分级；预报导入、版本与查看；预警过程；减排清单',
      },
    ],
    load: async () => [(await import('./commands/warning.ts')).registerWarningCommands],
  },
  {
    commands: [{ name: 'alarm', description: '污染源告警：运行一次告警计算与逐级督办' }],
    load: async () => [(await import('./commands/alarm.ts')).registerAlarmCommand],
  },
  {
    commands: [
      {
        name: 'stream',
        description: 'NATS JetStream 流：积压状态，汇总与告警消费者从某一时刻重放',
      },
    ],
    load: async () => [(await import('./commands/stream.ts')).registerStreamCommands],
  },
  {
    commands: [{ name: 'fires', description: '露天焚烧：导入卫星火点文件并派发到县区，超时提级' }],
    load: async () => [(await import('./commands/fires.ts')).registerFiresCommands],
  },
  {
    commands: [
      { name: 'roadside', description: '遥感监测、黑烟抓拍、路检路查：导入与月度溯源通报' },
    ],
    load: async () => [(await import('./commands/roadside.ts')).registerRoadsideCommands],
  },
  {
    commands: [
      {
        name: 'partitions',
        description: 'PostgreSQL 月分区：小时数据与设备数据按月分区的查看、新建与退役',
      },
    ],
    load: async () => [(await import('./commands/partitions.ts')).registerPartitionsCommands],
  },
];

/** The module that registers top-level command `name`, if any. */
export function commandModule(name: string): CommandModule | undefined {
  return COMMAND_MODULES.find((m) => m.commands.some((c) => c.name === name));
}

/**
 * The top-level command an argument vector asks for (skipping the global options before it),
 * or the one `help <命令>` asks about; undefined for `--help`, `--version` and nothing.
 */
export function requestedCommand(args: readonly string[]): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < args.length && words.length < 2; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === '--db') i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  return words[0] === 'help' ? words[1] : words[0];
}
