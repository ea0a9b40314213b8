// Chinese wording of the workbench: statuses, deadlines, commands and the values of the API's enums. A code
// without a label here is shown as it is, so a new one still shows.

const STATUS: Record<string, string> = {
  registered: '已登记，待转送',
  transferred: '已转送，待受理',
  objected: '异议处理中',
  accepted: '已受理，办理中',
  replied: '已书面答复',
  'review-requested': '已申请复查',
  'under-review': '复查中',
  reviewed: '已复查',
  'reexamination-requested': '已申请复核',
  'under-reexamination': '复核中',
  closed: '已办结',
};

const DEADLINE: Record<string, string> = {
  route: '登记转送（D1）',
  acknowledge: '受理告知（D2）',
  object: '异议期（D3）',
  'decide-objection': '异议处理',
  'settle-objection': '异议提交联席办',
  'report-assigned': '交办结果报告（D4）',
  handle: '办理答复（D5）',
  'handle-simplified': '简易办理',
  'handle-service-norm': '办理服务时限',
  'request-review': '申请复查期（D7）',
  'accept-review': '复查受理',
  review: '复查意见（D8）',
  'request-reexamination': '申请复核期（D9）',
  'accept-reexamination': '复核受理',
  reexamine: '复核意见（D10）',
  'supervision-feedback': '督办反馈',
  'return-visit': '回访',
  evaluation: '满意度评价',
  'case-owner-target': '包案办结时限',
  'carry-out': '意见落实',
  'follow-up': '跟踪回访',
  // A 督办 the bureau opened by hand: its own feedback date.
  manual: '督办反馈',
};

const DEADLINE_STATUS: Record<string, string> = {
  running: '进行中',
  paused: '暂停计时',
  met: '已按期完成',
  overdue: '已逾期',
  lapsed: '已届满',
  cancelled: '已取消',
};

/** The commands, as a desk calls them. */
const COMMAND: Record<string, string> = {
  route: '转送/交办',
  transferOut: '转出',
  divert: '引导至其他途径',
  notAccept: '不予受理',
  object: '提出异议',
  decideObjection: '处理异议',
  settleObjection: '异议提交联席办',
  accept: '受理',
  setProcedure: '设定办理程序',
  setCaseOwner: '设定包案领导',
  requestExtension: '申请延期',
  approveExtension: '批准延期',
  refuseExtension: '不批准延期',
  reply: '书面答复',
  withdraw: '撤回',
  requestReview: '登记复查申请',
  acceptReviewRequest: '受理复查申请',
  refuseReviewRequest: '不予受理复查申请',
  reviewOpinion: '复查意见',
  requestReexamination: '登记复核申请',
  acceptReexaminationRequest: '受理复核申请',
  refuseReexaminationRequest: '不予受理复核申请',
  openHearing: '举行听证',
  closeHearing: '结束听证',
  reexaminationOpinion: '复核意见',
  recordReturnVisit: '记录回访',
  evaluate: '记录评价',
  closeOnVerification: '核查终结',
  closeOnAgreement: '协议终结',
  recordResolution: '记录化解情况',
  recordCarriedOut: '记录意见落实',
  setPriority: '设定关注级别',
  supervise: '督办/交办',
  recordCaseOwnerWork: '记录包案工作',
  closeFollowUp: '结束跟踪回访',
  merge: '并案',
  unmerge: '撤销并案',
  supervisionFeedback: '督办反馈',
  listSupervision: '提交联席办/挂牌',
  instructSupervision: '领导批示',
  register: '登记',
  addLogEntry: '添加办理记录',
};

/** Values of the API's enums (request bodies and answers). */
const VALUE: Record<string, string> = {
  online: '网上信访',
  letter: '来信',
  phone: '来电',
  fax: '传真',
  visit: '来访',
  transferred: '上级转交',
  suggestion: '建议',
  accusation: '检举控告',
  complaint: '申诉求决',
  supported: '支持',
  explained: '解释说明',
  'not-supported': '不予支持',
  upheld: '维持',
  changed: '变更',
  revoked: '撤销',
  transfer: '转送',
  assign: '交办',
  supervise: '督办',
  shirking: '推诿',
  perfunctory: '敷衍',
  delaying: '拖延',
  'against-rules': '违反规定受理、办理',
  'not-carrying-out': '拒不执行信访处理意见',
  national: '国家',
  province: '省',
  city: '市',
  county: '县',
  first: '一级关注',
  second: '二级关注',
  ordinary: '普通关注',
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
  normal: '普通程序',
  'already-being-handled': '正在办理期限内',
  final: '已终结',
  'outside-remit': '不属于本机关职权范围',
  litigation: '诉讼',
  arbitration: '仲裁',
  reconsideration: '行政复议',
  discipline: '纪检监察',
  'other-statutory': '其他法定途径',
  'acceptance-notice': '受理告知',
  'written-reply': '书面答复意见',
  investigation: '调查',
  talk: '约谈',
  'site-visit': '实地查看',
  call: '电话联系',
  meeting: '协调会',
  other: '其他',
  simplified: '简易程序',
};

const ROLE: Record<string, string> = {
  registrar: '登记员',
  handler: '承办人',
  'unit-head': '单位负责人',
  supervisor: '督查员',
  jco: '联席办',
  admin: '管理员',
};

const NOTICE: Record<string, string> = {
  warning: '期限预警',
  'supervision-notice': '督办通知',
  escalation: '提交联席办',
  'supervision-feedback': '督办反馈',
  listing: '挂牌督办',
  'listing-overdue': '挂牌督办逾期',
  instruction: '领导批示',
  'extension-request': '延期申请',
  'extension-decision': '延期决定',
  'extension-notice': '延期告知',
  'dispute-settled': '异议处理结果',
  'major-urgent': '重大紧急事项',
  'return-visit-task': '回访任务',
  'follow-up': '跟踪回访',
  'transfer-in': '转入',
};

/** What happened on a case (the timeline's event types). */
const EVENT: Record<string, string> = {
  registered: '登记',
  routed: '转送/交办',
  'transferred-out': '转出',
  diverted: '引导',
  'not-accepted': '不予受理',
  'objection-raised': '提出异议',
  'objection-decided': '异议处理',
  accepted: '受理',
  'procedure-changed': '变更办理程序',
  'case-owner-set': '设定包案领导',
  'case-owner-work-recorded': '包案工作',
  'extension-requested': '申请延期',
  'extension-approved': '批准延期',
  'extension-refused': '不批准延期',
  'petitioner-notified': '告知信访人',
  replied: '书面答复',
  withdrawn: '撤回',
  'review-requested': '申请复查',
  'review-request-accepted': '受理复查申请',
  'review-request-refused': '不予受理复查申请',
  'review-opinion': '复查意见',
  'reexamination-request-accepted': '受理复核申请',
  'reexamination-opinion': '复核意见',
  'hearing-opened': '举行听证',
  'hearing-closed': '结束听证',
  'return-visit-recorded': '回访',
  evaluated: '评价',
  'follow-up-opened': '跟踪回访开始',
  'follow-up-closed': '跟踪回访结束',
  'resolution-recorded': '化解情况',
  'opinion-carried-out': '意见落实',
  'agreement-carried-out': '协议履行',
  'verification-approved': '核查终结',
  'priority-set': '设定关注级别',
  'supervision-opened': '督办',
  'supervision-notice': '督办通知',
  'supervision-feedback': '督办反馈',
  'supervision-listed': '挂牌督办',
  'supervision-instructed': '领导批示',
  'listing-overdue': '挂牌督办逾期',
  escalated: '提交联席办',
  merged: '并案',
  unmerged: '撤销并案',
  closed: '办结',
  'deadline-started': '期限开始',
  'deadline-warning': '期限预警',
  'deadline-met': '期限完成',
  'deadline-overdue': '期限逾期',
  'deadline-extended': '期限延长',
  'deadline-paused': '期限暂停',
  'deadline-lapsed': '期限届满',
  'deadline-cancelled': '期限取消',
  'deadline-recomputed': '期限重算',
  'rule-set-adopted': '适用新规则',
  'cancellation-requested': '申请撤销',
};

const SUPERVISION_LEVEL: Record<string, string> = { notice: '督办', office: '联席办', listed: '挂牌督办' };
const SUPERVISION_STATUS: Record<string, string> = {
  open: '待反馈',
  answered: '已反馈',
  resolved: '已办结',
  closed: '已结束',
};
const SUPERVISION_SOURCE: Record<string, string> = {
  automatic: '期限到期',
  manual: '信访部门督办',
  'joint-conference': '联席会议交办',
  'higher-bureau': '上级交办',
};
const EXTENSION_STATUS: Record<string, string> = { pending: '待批准', approved: '已批准', refused: '未批准' };

/** What a refusal means, said for the desk; the API's own message follows it. */
const ERROR: Record<string, string> = {
  transition_not_allowed: '案件情况已有变化，此操作现在不能办理（页面已刷新）',
  not_responsible: '此事项不由您办理',
  validation_failed: '填写的内容有误，请按各栏提示修改',
  deadline_passed: '办理期限已过',
  forbidden: '您没有办理此事项的权限',
  idempotency_key_reused: '请重新提交',
  unauthenticated: '请重新登录',
  network: '无法连接服务器，请稍后重试（重试不会重复办理）',
};

const of =
  (labels: Record<string, string>) =>
  (code: string | null | undefined): string =>
    code == null ? '' : (labels[code] ?? code);

export const statusLabel = of(STATUS);
/** The case statuses, in the order of the procedure. */
export const STATUSES = Object.keys(STATUS);
export const deadlineLabel = of(DEADLINE);
export const deadlineStatusLabel = of(DEADLINE_STATUS);
export const commandLabel = of(COMMAND);
export const valueLabel = of(VALUE);
export const roleLabel = of(ROLE);
export const noticeLabel = of(NOTICE);
export const eventLabel = of(EVENT);
export const errorText = (code: string): string | undefined => ERROR[code];
export const supervisionLevelLabel = of(SUPERVISION_LEVEL);
export const supervisionStatusLabel = of(SUPERVISION_STATUS);
export const supervisionSourceLabel = of(SUPERVISION_SOURCE);
export const extensionStatusLabel = of(EXTENSION_STATUS);

/** `2026-12-05T01:00:00Z` → `2026-12-05 09:00` (China Standard Time, whatever the browser's zone). */
export function instantText(instant: string | null | undefined): string {
  if (!instant) return '';
  const shanghai = new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString();
  return `${shanghai.slice(0, 10)} ${shanghai.slice(11, 16)}`;
}
