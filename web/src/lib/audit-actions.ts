/** Chinese names of the audit log's actions (the codes are stable strings written by src/). */
export const AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.login_throttled': '登录被限制',
  'auth.logout': '退出登录',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.password_change': '修改密码',
  'user.password_change_failed': '修改密码失败',
  'user.password_reset': '重置密码',
  'token.create': '创建令牌',
  'token.revoke': '吊销令牌',
  'device.create': '登记设备',
  'device.update': '修改设备',
  'device.delete': '注销设备',
  'plan.create': '新建方案',
  'plan.draft': '方案草稿',
  'plan.edit_baseline': '修改基数',
  'plan.edit_target': '修改目标',
  'plan.publish': '发布方案',
  'plan.replace': '替换方案',
  'notice.create': '生成通报',
  'notice.refresh': '更新通报',
  'task.load': '导入任务',
  'task.report': '报送进展',
  'task.review': '审核进展',
  'task.status_change': '任务状态变更',
  // Heavy-pollution warnings (src/warnings/, docs/warnings.md).
  'forecast.store': '保存预报',
  'forecast.import': '导入预报',
  'warning.issue': '发布预警',
  'warning.upgrade': '预警升级',
  'warning.downgrade': '预警降级',
  'warning.extend': '预警延长',
  'warning.lift': '解除预警',
  'warning.confirm': '确认启动响应',
  'warning.matrix.cell': '修改减排措施矩阵',
  'warning.override.set': '设置一企一策',
  'warning.override.remove': '删除一企一策',
  'warning.transport.set': '修改运输管控配置',
  'warning.list.generate': '生成减排清单',
  'warning.list.publish': '发布减排清单',
  'warning.compliance.run': '运行减排督查',
  'warning.violation.assign': '交办减排违规',
  'warning.violation.close': '办结减排违规',
};

/** Action prefixes offered as a filter. */
export const AUDIT_GROUPS: ReadonlyArray<{ prefix: string; label: string }> = [
  { prefix: 'auth.', label: '登录与退出' },
  { prefix: 'user.', label: '用户' },
  { prefix: 'token.', label: '令牌' },
  { prefix: 'device.', label: '设备' },
  { prefix: 'plan.', label: '方案与目标' },
  { prefix: 'notice.', label: '通报' },
  { prefix: 'task.', label: '重点任务' },
  { prefix: 'forecast.', label: '空气质量预报' },
  { prefix: 'warning.', label: '重污染预警与应急' },
];

/** The Chinese name of an action, or the code. */
export function actionName(action: string): string {
  return AUDIT_ACTIONS[action] ?? action;
}
