import { z } from 'zod';
import type { CommandType } from '../workflows/case/commands';
import {
  DIVERSION_TARGETS,
  NOT_ACCEPTED_REASONS,
  OUTCOMES,
  PROCEDURES,
  ROUTING_MODES,
} from '../workflows/case/vocabulary';
import { isoDate, plainText } from './schemas';

/** Free text written to PostgreSQL as a document; the workflow sees only its id. */
const text = (description: string, max = 20000) => plainText(1, max).openapi({ description });
const unitId = z.string().min(1).max(100);
const login = z.string().min(1).max(100);

/**
 * The body of each transition's route, by command: the single source of their validation and their
 * OpenAPI schema. Typed over every command of the transition table, so none can be missing.
 */
export const COMMAND_BODIES: { [T in CommandType]: z.ZodObject } = {
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

export const ExtensionParamsSchema = z.object({
  extensionId: z
    .string()
    .regex(/^ext-\d{1,4}$/, 'must be an extension id such as ext-1')
    .openapi({ example: 'ext-1' }),
});
