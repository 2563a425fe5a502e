/** The five roles in Chinese and what each may do (the API enforces it: src/http/route-access.ts). */
import type { Role } from '../../api/types.ts';

/** Roles in the order the forms list them. */
export const ROLE_OPTIONS: ReadonlyArray<{ value: Role; label: string }> = [
  { value: 'city-admin', label: '市大气办' },
  { value: 'department', label: '市直部门' },
  { value: 'county', label: '县区' },
  { value: 'enterprise', label: '企业' },
  { value: 'visitor', label: '访客' },
];

/** What each role may do, in words. */
export const ROLE_RIGHTS: Readonly<Record<Role, string>> = {
  'city-admin': '全部权限：设定目标、派发任务、考核排名、设备登记、账号管理、查看审计日志',
  department: '本部门牵头的任务和报警：报送进展；查看总览、空气质量、目标考核',
  county: '本县区的空气质量、站点、任务和企业：报送进展；不能查看或修改其他县区的报送',
  enterprise: '本企业的在线监测数据和报警（后续功能）；公开的空气质量',
  visitor: '只能查看公开的空气质量',
};
