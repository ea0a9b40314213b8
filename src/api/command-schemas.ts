import { z } from 'zod';
import type { CommandType } from '../case/commands';
import { EVALUATION_SUBJECTS, SATISFACTION_GRADES } from '../case/aftercare';
import {
  DIVERSION_TARGETS,
  HIGHER_OUTCOMES,
  NOT_ACCEPTED_REASONS,
  OUTCOMES,
  PROCEDURES,
  ROUTING_MODES,
} from '../case/vocabulary';
import { isoDate, plainText } from './schemas';

/** Free text written to PostgreSQL as a document; the workflow sees only its id. */
const text = (description: string, max = 20000) => plainText(1, max).openapi({ description });
const unitId = z.string().min(1).max(100);
const login = z.string().min(1).max(100);

const higherOpinion = (name: string, example: string) =>
  z
    .object({
      outcome: z
        .enum(HIGHER_OUTCOMES)
        .openapi({ description: 'upheld 维持 / changed 变更 / revoked 撤销并责令重新办理' }),
      opinion: text('The written opinion', 50000),
      deliveredOn: isoDate
        .optional()
        .openapi({ description: 'Date the petitioner received it; defaults to today' }),
    })
    .strict()
    .openapi(name, { example: { outcome: 'upheld', opinion: example } });

const higherRequest = (name: string) =>
  z
    .object({
      receivedOn: isoDate
        .optional()
        .openapi({ description: 'Date the body received the petitioner’s request; defaults to today' }),
    })
    .strict()
    .openapi(name, { example: {} });

/** The review chain (复查 / 复核): bodies, opinions, hearings. */
const REVIEW_CHAIN_BODIES = {
  requestReview: higherRequest('RequestReview'),
  acceptReviewRequest: z.object({}).strict().openapi('AcceptReviewRequest', { example: {} }),
  reviewOpinion: higherOpinion('ReviewOpinion', '经复查，原处理意见认定事实清楚，予以维持。'),
  requestReexamination: higherRequest('RequestReexamination'),
  acceptReexaminationRequest: z.object({}).strict().openapi('AcceptReexaminationRequest', { example: {} }),
  openHearing: z
    .object({ openedOn: isoDate.optional().openapi({ description: 'Defaults to today' }) })
    .strict()
    .openapi('OpenHearing', { example: {} }),
  closeHearing: z
    .object({ closedOn: isoDate.optional().openapi({ description: 'Defaults to today' }) })
    .strict()
    .openapi('CloseHearing', { example: {} }),
  reexaminationOpinion: higherOpinion('ReexaminationOpinion', '经复核，维持复查意见。本意见为最终意见。'),
};

/** The supervision ladder (督办 → 联席办 → 挂牌督办) and the after-care (回访, 满意度评价). */
const LADDER_BODIES = {
  supervisionFeedback: z
    .object({
      report: text('What the unit did about the supervised deadline (督办反馈)'),
      targetDate: isoDate.openapi({ description: 'When the unit will have met the deadline' }),
    })
    .strict()
    .openapi('SupervisionFeedback', {
      example: { report: '已约谈物业公司负责人，电梯维修方案已确定。', targetDate: '2030-12-31' },
    }),
  listSupervision: z
    .object({
      correctBy: isoDate.openapi({ description: 'The date to correct by (整改期限)' }),
      note: text('The listing notice (挂牌督办通知)'),
    })
    .strict()
    .openapi('ListSupervision', { example: { correctBy: '2030-12-31', note: '挂牌督办，限期整改。' } }),
  instructSupervision: z
    .object({
      unitId: unitId.openapi({ description: 'The unit instructed' }),
      instruction: text('The instruction (交办指示)'),
    })
    .strict()
    .openapi('InstructSupervision', {
      example: { unitId: 'qingshan-housing', instruction: '请于五个工作日内书面报告办理进展。' },
    }),
  settleObjection: z
    .object({
      decision: z.enum(['upheld', 'rerouted']),
      unitId: unitId.optional().openapi({ description: 'rerouted only: the unit that shall handle it' }),
      note: text('The office’s decision on the dispute (Art 24)'),
    })
    .strict()
    .openapi('SettleObjection', {
      example: { decision: 'upheld', note: '经联席会议协调，该事项由住建部门办理。' },
    }),
  recordReturnVisit: z
    .object({
      reached: z.boolean().openapi({ description: 'Whether the petitioner was reached' }),
      satisfaction: z
        .enum(SATISFACTION_GRADES)
        .optional()
        .openapi({ description: 'Required when reached: satisfied / basically-satisfied / dissatisfied' }),
      note: text('What the petitioner said; what was done (回访记录)'),
      visitedOn: isoDate.optional().openapi({ description: 'Defaults to today' }),
    })
    .strict()
    .openapi('RecordReturnVisit', {
      example: { reached: true, satisfaction: 'satisfied', note: '电话回访，信访人表示问题已解决。' },
    }),
  evaluate: z
    .object({
      subject: z.enum(EVALUATION_SUBJECTS),
      grade: z.enum(SATISFACTION_GRADES),
    })
    .strict()
    .openapi('Evaluate', { example: { subject: 'written-reply', grade: 'satisfied' } }),
};

/**
 * The body of each transition's route, by command: the single source of their validation and their
 * OpenAPI schema. Typed over every command of the transition table, so none can be missing.
 */
export const COMMAND_BODIES: { [T in CommandType]: z.ZodObject } = {
  ...REVIEW_CHAIN_BODIES,
  ...LADDER_BODIES,
  route: z
    .object({
      unitId: unitId.openapi({
        description: 'The handling unit with authority (承办单位), under the bureau',
      }),
      mode: z
        .enum(ROUTING_MODES)
        .default('transfer')
        .openapi({ description: 'transfer 转送 or assign 交办' }),
      reportDays: z
        .number()
        .int()
        .min(1)
        .optional()
        .openapi({ description: 'assign only: days to report the result (D4); the rule set caps it' }),
    })
    .strict()
    .openapi('RoutePetition', { example: { unitId: 'qingshan-housing', mode: 'transfer' } }),
  divert: z
    .object({
      to: z.enum(DIVERSION_TARGETS),
      notice: text('The notice telling the petitioner where to go (引导告知)'),
    })
    .strict()
    .openapi('DivertPetition', {
      example: { to: 'litigation', notice: '该诉求属于民事纠纷，请依法向人民法院提起诉讼。' },
    }),
  notAccept: z
    .object({
      reason: z.enum(NOT_ACCEPTED_REASONS),
      notice: text('The written notice of non-acceptance (不予受理告知书)'),
    })
    .strict()
    .openapi('NotAcceptPetition', {
      example: { reason: 'already-being-handled', notice: '该事项正在办理期限内，不予受理。' },
    }),
  object: z
    .object({ reason: text('Why the matter is not within the unit’s remit (异议理由)') })
    .strict()
    .openapi('ObjectToRouting', { example: { reason: '该事项属于人社部门职责，不属于本单位职权范围。' } }),
  decideObjection: z
    .object({
      decision: z.enum(['upheld', 'rerouted']),
      unitId: unitId.optional().openapi({ description: 'rerouted only: the unit to route to instead' }),
      note: text('The bureau’s note on its decision').optional(),
    })
    .strict()
    .openapi('DecideObjection', {
      example: { decision: 'upheld', note: '经核实，该事项属于住建部门职责，维持原转送。' },
    }),
  accept: z
    .object({
      procedure: z.enum(PROCEDURES).default('normal').openapi({
        description:
          'simplified (简易办理): a first-time petition with clear facts, opinion within 10 working days',
      }),
      note: z.string().max(2000).optional(),
    })
    .strict()
    .openapi('AcknowledgePetition', { example: { procedure: 'normal' } }),
  setProcedure: z
    .object({ procedure: z.literal('normal') })
    .strict()
    .openapi('SetProcedure', { example: { procedure: 'normal' } }),
  setCaseOwner: z
    .object({
      leader: login.openapi({ description: 'Login of the case-owning leader (包案领导)' }),
      handler: login.openapi({ description: 'Login of the responsible handler' }),
      task: text('The task (包案任务)'),
      targetDate: isoDate.openapi({ description: 'Target date to resolve the matter' }),
    })
    .strict()
    .openapi('SetCaseOwner', {
      example: {
        leader: 'unit-head',
        handler: 'handler',
        task: '督促物业完成电梯维修并回访信访人。',
        targetDate: '2030-12-31',
      },
    }),
  requestExtension: z
    .object({
      days: z.number().int().min(1).max(365),
      reason: text('Why more time is needed; the petitioner is told this reason (Art 34)'),
    })
    .strict()
    .openapi('RequestExtension', {
      example: { days: 15, reason: '需委托第三方检测电梯安全状况，检测周期较长。' },
    }),
  approveExtension: z
    .object({ note: z.string().max(2000).optional() })
    .strict()
    .openapi('ApproveExtension', { example: {} }),
  refuseExtension: z
    .object({ reason: text('Why the extension is refused').optional() })
    .strict()
    .openapi('RefuseExtension', { example: { reason: '现有期限内可以办结。' } }),
  reply: z
    .object({
      outcome: z.enum(OUTCOMES),
      opinion: text('The written opinion (信访处理意见书)', 50000),
      deliveredOn: isoDate
        .optional()
        .openapi({ description: 'Date the petitioner received the reply; defaults to today' }),
    })
    .strict()
    .openapi('ReplyPetition', {
      example: { outcome: 'supported', opinion: '经核查，已责成物业公司于两周内完成电梯维修。' },
    }),
  withdraw: z
    .object({ reason: text('The petitioner’s withdrawal, as recorded (撤回)') })
    .strict()
    .openapi('WithdrawPetition', { example: { reason: '信访人来电表示问题已解决，申请撤回。' } }),
};

/** Ids in a transition's path besides the petition's: an extension or a hearing of the case. */
export const PATH_IDS = {
  extensionId: z
    .string()
    .regex(/^ext-\d{1,4}$/, 'must be an extension id such as ext-1')
    .openapi({ example: 'ext-1' }),
  hearingId: z
    .string()
    .regex(/^hearing-\d{1,4}$/, 'must be a hearing id such as hearing-1')
    .openapi({ example: 'hearing-1' }),
};

/** The schema of a transition path's own ids (`:extensionId`, `:hearingId`). */
export function pathIdsOf(path: string) {
  const names = (Object.keys(PATH_IDS) as Array<keyof typeof PATH_IDS>).filter((name) =>
    path.includes(`:${name}`),
  );
  return z.object(Object.fromEntries(names.map((name) => [name, PATH_IDS[name]])));
}

/** The path in OpenAPI's notation: `:hearingId` → `{hearingId}`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}
