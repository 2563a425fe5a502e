/**
 * The 填报说明 sheet of the exported 调度表 (pure): everything a county or department clerk needs
 * to fill the sheet in and send it back, in the sheet itself and in Chinese, for a reader who has
 * no access to Lantian's documentation. It says what rules/status-rules.ts, milestone-pace.ts and
 * the import (sheet-import-service.ts) do, in their terms.
 */
import { ROW_STATUS_NAMES } from './status-rules.ts';

/** Lines of the help sheet: a heading and its explanation. */
export function sheetHelpLines(): Array<[string, string]> {
  const s = ROW_STATUS_NAMES;
  return [
    [
      '怎样填报',
      '只填写底色为浅黄色的三列：累计完成、已完成节点、进展情况。其余各列由系统生成，请勿改动。',
    ],
    [
      '累计完成',
      '截至填报日的累计完成值，单位与“计量单位”一致（不是本期新增量）。留空表示不修改。',
    ],
    [
      '已完成节点',
      '按“节点清单”填写已完成节点的编号，多个用分号隔开，如 m1；m2，也可填节点日期。填写时须列出全部已完成节点；留空表示不修改。',
    ],
    ['进展情况', '文字说明进展、存在问题和下步措施。'],
    [
      '任务编号、单位代码、指标',
      '导入时据此找到对应任务和责任单位，请勿修改；一项任务有多个指标时分行填写。',
    ],
    [
      '报送与导入',
      '填好后交回市大气办，由市大气办或本单位账号导入蓝天平台。每一行都须能对上任务、单位和指标，数值不能为负、不能超过目标上限；只要有一行不符合，整张表都不导入，并逐行列出行号和原因，改正后重新上传即可。与平台上现有数据相同的行不作改动；每次导入形成新的报送版本，不覆盖以前的版本。',
    ],
    [
      '审核情况',
      '市大气办对报送版本的审核结果：采纳、退回（须按意见修改后重新报送）或要求补充材料。',
    ],
    [
      '时序进度',
      '两个节点之间按天数平均推进：例如 4 月 8 日起步、6 月 30 日须完成 60%，则 5 月 19 日前后应完成约 30%。',
    ],
    ['状态', `截至表头所示日期，按以下规则由系统计算（从最紧急的说起）：`],
    [s.overdue, '已有节点到期，而最新报送的完成情况未达到该节点要求。'],
    [s.behind, '累计完成值低于时序进度；或“不超过”类指标的报送值超过了上限。'],
    [s.not_started, '尚未报送任何进展，且没有节点到期。'],
    [s.on_track, '已报送进展，未到期节点按时序进度推进中。'],
    [s.done, '最新报送版本已被采纳，并达到全部节点要求。'],
  ];
}
