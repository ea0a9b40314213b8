/**
 * The mail and SMS a notice becomes. Built from safe fields only — the kind, the case number, the deadline
 * or item it is about, its date, and a link — never from the notice's text or free-text fields (an escalation's
 * reason, a body's name), which may quote the petitioner. The petitioner's name, contact and matter stay in
 * the system, behind the link and its sign-in.
 */
export interface NoticeFields {
  noticeId: string;
  petitionId: string;
  kind: string;
  payload: Record<string, unknown>;
}

export interface NoticeMessage {
  subject: string;
  /** The mail's body. */
  text: string;
  /** One line for an SMS. */
  short: string;
}

/** What each kind is called, in the bureau's words. */
const KIND_LABELS: Record<string, string> = {
  warning: '预警 (deadline warning)',
  'supervision-notice': '督办 (supervision notice)',
  escalation: '报联席办 (escalated to the joint-conference office)',
  'supervision-feedback': '督办反馈 (supervision feedback)',
  listing: '挂牌督办 (listed supervision)',
  instruction: '联席办交办 (assigned by the joint-conference office)',
  'listing-overdue': '挂牌督办逾期 (listed supervision overdue)',
  'extension-request': '延期申请 (extension requested)',
  'extension-decision': '延期决定 (extension decided)',
  'extension-notice': '延期告知 (tell the petitioner of the extension)',
  'return-visit-task': '回访 (return visit due)',
  'follow-up': '回访不满意 (follow-up needed)',
  'review-requested': '复查申请 (review requested)',
  'reexamination-requested': '复核申请 (re-examination requested)',
  'dispute-settled': '联席办裁定 (objection settled)',
  'transfer-in': '转入 (a petition transferred in from another area)',
  'review-request-refused': '复查申请不予受理 (review request refused)',
  'reexamination-request-refused': '复核申请不予受理 (re-examination request refused)',
  'major-urgent': '重大、紧急信访事项 (major or urgent matter, Art 25)',
  'case-merged': '并案 (merged into the case it repeats)',
  'case-unmerged': '撤销并案 (merge undone: the case is open again)',
};

/** Codes and dates only: a value that is not one of them is left out rather than passed on. */
const CODE = /^[A-Za-z0-9][\w.:-]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function field(payload: Record<string, unknown>, name: string, shape: RegExp): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && shape.test(value) ? value : undefined;
}

export function noticeMessage(notice: NoticeFields, caseUrl: (petitionId: string) => string): NoticeMessage {
  const label = KIND_LABELS[notice.kind] ?? '通知 (notice)';
  const caseNumber = CODE.test(notice.petitionId) ? notice.petitionId : '';
  const about = [
    field(notice.payload, 'key', CODE) && `deadline ${field(notice.payload, 'key', CODE)}`,
    field(notice.payload, 'itemId', CODE) && `item ${field(notice.payload, 'itemId', CODE)}`,
    field(notice.payload, 'extensionId', CODE) && `extension ${field(notice.payload, 'extensionId', CODE)}`,
  ].filter(Boolean);
  const dueDate = field(notice.payload, 'dueDate', DATE);
  const link = caseUrl(encodeURIComponent(caseNumber));
  const subject = `[petitionflow] ${label}: ${caseNumber}`;
  const text = [
    `${label}`,
    '',
    `Case 案件: ${caseNumber}`,
    ...(about.length ? [`About 事项: ${about.join(', ')}`] : []),
    ...(dueDate ? [`Date 日期: ${dueDate}`] : []),
    `Open the case 查看: ${link}`,
    '',
    `Notice ${notice.noticeId}. The details are in petitionflow (sign-in required); this message holds none.`,
  ].join('\n');
  const short = [label.split(' ')[0], caseNumber, ...about, ...(dueDate ? [dueDate] : []), link].join(' ');
  return { subject, text, short };
}
