// Chinese wording of the dashboard: how figures are written, and the names of statuses and deadlines.

export const NO_DATA = '暂无数据';

/** A rate of the API (`{rate, numerator, denominator}`): one decimal and a percent sign, or "no data". */
export const rateText = (rate) => (rate.rate === null ? NO_DATA : `${rate.rate.toFixed(1)}%`);
export const fractionText = (rate) => `${rate.numerator} / ${rate.denominator}`;
export const shareText = (share) => `${share.toFixed(1)}%`;

/** `2024-05` → `2024年5月`. */
export const monthText = (month) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

const STATUS_LABELS = {
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

const DEADLINE_LABELS = {
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
  'follow-up': '跟踪回访',
};

const DEADLINE_STATUS_LABELS = {
  running: '进行中',
  paused: '暂停',
  met: '已按期完成',
  overdue: '已逾期',
  lapsed: '已届满',
  cancelled: '已取消',
};

const labelOf = (labels, code) => labels[code] ?? code;
export const statusLabel = (code) => labelOf(STATUS_LABELS, code);
export const deadlineLabel = (key) => labelOf(DEADLINE_LABELS, key);
export const deadlineStatusLabel = (status) => labelOf(DEADLINE_STATUS_LABELS, status);

/** The message shown for a refusal of the API (401 is handled by asking for the token again). */
export function errorText(error) {
  const prefixes = {
    0: '网络错误',
    403: '无权查看',
    404: '未找到',
    422: '查询条件有误',
    503: '服务暂不可用',
  };
  const prefix = prefixes[error.status] ?? `请求失败（${error.status}）`;
  return `${prefix}：${error.message}`;
}
