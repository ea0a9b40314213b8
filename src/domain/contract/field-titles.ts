/**
 * The Chinese label of each request-body field, by its name: the OpenAPI document gives them as each
 * property's `title`, and the workbench labels its generated forms with them (the description is the help).
 * A field without one here is labelled by its name, so a new field still gets a form.
 */
export const FIELD_TITLES: Readonly<Record<string, string>> = {
  channel: '信访形式',
  category: '信访类别',
  domain: '内容分类',
  subject: '信访事项',
  description: '事项描述',
  petitioner: '信访人',
  receivedOn: '收到日期',
  ruleSetId: '规则版本',
  originLevel: '首次登记层级',
  group: '集体访',
  persons: '人数',
  representatives: '代表人数',
  unitId: '单位',
  mode: '方式',
  reportDays: '报告期限（日）',
  bureauId: '信访部门',
  note: '说明',
  to: '转至',
  notice: '告知内容',
  reason: '理由',
  decision: '决定',
  procedure: '办理程序',
  leader: '包案领导',
  handler: '承办人',
  task: '任务',
  targetDate: '目标日期',
  days: '延长天数',
  outcome: '处理结果',
  opinion: '处理意见',
  deliveredOn: '送达日期',
  carryOutDays: '落实期限（日）',
  application: '申请内容',
  reference: '文号',
  openedOn: '开始日期',
  closedOn: '结束日期',
  reached: '是否联系到信访人',
  satisfaction: '满意度',
  visitedOn: '回访日期',
  followUpId: '跟进事项',
  checkingUnitId: '核查单位',
  conclusion: '结论',
  approvedOn: '批准日期',
  agreement: '协议内容',
  agreedOn: '协议日期',
  carriedOutOn: '落实日期',
  level: '级别',
  majorUrgent: '重大紧急',
  kind: '类型',
  ground: '督办事由',
  from: '来源',
  issuer: '发文机关',
  doneOn: '完成日期',
  measures: '措施',
  measure: '措施',
  on: '日期',
  aidKind: '救助类型',
  lawfulHandling: '依法处理',
  text: '内容',
  stoppedPetitioning: '息诉罢访',
  report: '报告',
  into: '并入案件',
  correctBy: '整改期限',
  instruction: '批示',
  idNumber: '身份证号',
  name: '姓名',
  phone: '电话',
  address: '地址',
  caseId: '案件',
  relation: '关系',
  occurredOn: '发生日期',
  place: '地点',
  heldOn: '日期',
  leaders: '领导',
  instructedOn: '批示日期',
  summary: '摘要',
};

/** Sets each property's `title` from FIELD_TITLES in every component schema of an OpenAPI document. */
export function withFieldTitles<Doc extends { components?: { schemas?: Record<string, unknown> } }>(
  document: Doc,
): Doc {
  const visit = (schema: unknown): void => {
    if (!schema || typeof schema !== 'object') return;
    const node = schema as {
      properties?: Record<string, { title?: string }>;
      items?: unknown;
      anyOf?: unknown[];
      oneOf?: unknown[];
      allOf?: unknown[];
    };
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      // OpenAPI 3.1 lets a $ref carry a title beside it: the form's label for a nested object.
      if (property && typeof property === 'object' && !property.title) {
        const title = FIELD_TITLES[name];
        if (title) property.title = title;
      }
      visit(property);
    }
    visit(node.items);
    for (const part of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) visit(part);
  };
  for (const schema of Object.values(document.components?.schemas ?? {})) visit(schema);
  return document;
}
