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

/**
 * Help for the desk, in Chinese, by `Schema.field` (a field whose meaning differs between commands) or by the
 * field's name: the OpenAPI document gives it as the property's `x-help`, and the workbench shows it under the
 * field in place of the (English) description, which stays the API's documentation.
 */
export const FIELD_HELP: Readonly<Record<string, string>> = {
  channel: '信访人提出信访事项的形式',
  category: '建议、检举控告或申诉求决',
  domain: '信访事项内容分类；选择到二级类别更便于统计',
  subject: '一句话概括信访事项',
  description: '信访人反映的具体情况和诉求',
  receivedOn: '信访部门收到之日（北京时间），登记转送期限由此起算；不得晚于今天',
  ruleSetId: '一般无需填写：按本省规则版本自动确定',
  originLevel: '上级转来的事项：首次登记的层级；本级受理的无需填写',
  'RegisterPetition.group': '五人以上共同提出的为集体访（代表不超过五人）',
  'Petitioner.idNumber': '填写后按身份证号归入信访人档案（一户一档）',
  'Petitioner.phone': '便于承办单位联系和回访',
  'RoutePetition.unitId': '有权处理的承办单位',
  'RoutePetition.mode': '转送：由承办单位依法办理；交办：并要求报送办理结果',
  'RoutePetition.reportDays': '仅交办：报送办理结果的期限（日），不超过规则上限',
  'AcknowledgePetition.procedure': '简易办理：初次信访、事实清楚的，10个工作日内答复',
  'AcknowledgePetition.notice': '受理告知书内容；规则要求书面告知的必须填写',
  'RequestExtension.days': '延长的天数，不超过规则允许的上限',
  'RequestExtension.reason': '延期理由，将告知信访人',
  'ReplyPetition.outcome': '支持、解释说明或不予支持',
  'ReplyPetition.opinion': '信访处理意见书正文',
  'ReplyPetition.deliveredOn': '信访人收到答复之日；不填为今天。复查申请期由此起算',
  'ReplyPetition.carryOutDays': '仅支持的意见：落实期限（日），不填按规则默认',
  'Supervise.kind': '督办：对承办单位办理情况督办；交办：交由承办单位办理并书面报告',
  'Supervise.ground': '督办必须选择督办事由',
  'Supervise.note': '督办通知或交办函内容：存在的问题、应当如何整改和反馈',
  'RecordReturnVisit.note': '信访人的意见和回访情况',
  'RecordReturnVisit.visitedOn': '不填为今天',
  'NotAcceptPetition.notice': '不予受理告知书内容',
  'DivertPetition.notice': '告知信访人应通过何种途径解决',
  'SetCaseOwner.leader': '能查看本案的人员；本案的提醒和督办通知也会发给包案领导',
  'SetCaseOwner.handler': '承办单位（未转送的为登记的信访部门）的人员',
  'SetCaseOwner.targetDate': '化解目标日期，不超过规则上限',
  'AddLogEntry.text': '做了什么、结果如何',
};

/**
 * Where a field's value is chosen from a list the API answers, by `Schema.field` or by the field's name: the
 * OpenAPI document gives the list's path as the property's `x-choices`, and the workbench offers that list
 * (searchable) instead of a text box. Each list holds what the command takes from the caller there.
 */
export const FIELD_CHOICES: Readonly<Record<string, string>> = {
  domain: '/api/classification',
  unitId: '/api/units?purpose=jurisdiction',
  'RoutePetition.unitId': '/api/units?purpose=routing',
  'DecideObjection.unitId': '/api/units?purpose=routing',
  'SettleObjection.unitId': '/api/units?purpose=routing',
  'TransferPetitionOut.bureauId': '/api/units?purpose=transfer-out',
  checkingUnitId: '/api/units?purpose=verification',
  // A path's {id} is the case's, taken from the command's own path.
  'SetCaseOwner.leader': '/api/petitions/{id}/staff?purpose=case-owner-leader',
  'SetCaseOwner.handler': '/api/petitions/{id}/staff?purpose=case-owner-handler',
};

/**
 * Sets each property's `title` (FIELD_TITLES), `x-help` (FIELD_HELP) and `x-choices` (FIELD_CHOICES) in every
 * component schema.
 */
export function withFieldTitles<Doc extends { components?: { schemas?: Record<string, unknown> } }>(
  document: Doc,
): Doc {
  const visit = (schema: unknown, schemaName: string): void => {
    if (!schema || typeof schema !== 'object') return;
    const node = schema as {
      properties?: Record<string, { title?: string }>;
      items?: unknown;
      anyOf?: unknown[];
      oneOf?: unknown[];
      allOf?: unknown[];
    };
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      if (!property || typeof property !== 'object') continue;
      // OpenAPI 3.1 lets a $ref carry a title beside it: the form's label for a nested object.
      const title = FIELD_TITLES[name];
      if (title && !property.title) property.title = title;
      const help = FIELD_HELP[`${schemaName}.${name}`] ?? FIELD_HELP[name];
      if (help) (property as Record<string, unknown>)['x-help'] = help;
      const choices = FIELD_CHOICES[`${schemaName}.${name}`] ?? FIELD_CHOICES[name];
      if (choices) (property as Record<string, unknown>)['x-choices'] = choices;
      visit(property, schemaName);
    }
    visit(node.items, schemaName);
    for (const part of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) {
      visit(part, schemaName);
    }
  };
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) visit(schema, name);
  return document;
}
