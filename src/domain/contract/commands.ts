import type { CommandType } from '../../case/commands';
import {
  DIVERSION_TARGETS,
  NOT_ACCEPTED_REASONS,
  OUTCOMES,
  PROCEDURES,
  ROUTING_MODES,
} from '../../case/vocabulary';
import { documentText, exampleDateAhead, isoDate, login, unitId } from './fields';
import { REVIEW_CHAIN_BODIES } from './review-chain-commands';
import { SUPERVISION_AND_AFTERCARE_BODIES } from './supervision-commands';
import { CLOSURE_BODIES } from './closure-commands';
import { PRIORITY_BODIES } from './priority-commands';
import { MANUAL_SUPERVISION_BODIES } from './manual-supervision-commands';
import { CASE_OWNER_BODIES } from './case-owner-commands';
import { RESOLUTION_BODIES } from './resolution-commands';
import { FOLLOW_UP_BODIES, followUpId } from './follow-up-commands';
import { MERGE_BODIES } from './merge-commands';
import { z } from './zod';

/**
 * The commands staff send: all but the petitioner's evaluation, which comes through the public endpoint
 * with a body of its own (PublicEvaluationSchema).
 */
export type StaffCommandType = Exclude<CommandType, 'evaluate'>;

const BODIES = {
  ...REVIEW_CHAIN_BODIES,
  ...SUPERVISION_AND_AFTERCARE_BODIES,
  ...CLOSURE_BODIES,
  ...PRIORITY_BODIES,
  ...MANUAL_SUPERVISION_BODIES,
  ...CASE_OWNER_BODIES,
  ...RESOLUTION_BODIES,
  ...FOLLOW_UP_BODIES,
  ...MERGE_BODIES,
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
  transferOut: z
    .object({
      bureauId: unitId.openapi({
        description:
          'The petition bureau of the area the responsible unit lies in (转出); a bureau inside the sender’s own ' +
          'area is refused: route to the responsible unit instead',
      }),
      note: documentText('The note to the receiving bureau: which unit is responsible, and why').optional(),
    })
    .strict()
    .openapi('TransferPetitionOut', {
      example: { bureauId: 'yunzhou-petition-bureau', note: '责任单位为云州市住建局，不属于我县。' },
    }),
  divert: z
    .object({
      to: z.enum(DIVERSION_TARGETS),
      notice: documentText('The notice telling the petitioner where to go (引导告知)'),
    })
    .strict()
    .openapi('DivertPetition', {
      example: { to: 'litigation', notice: '该诉求属于民事纠纷，请依法向人民法院提起诉讼。' },
    }),
  notAccept: z
    .object({
      reason: z.enum(NOT_ACCEPTED_REASONS),
      notice: documentText('The written notice of non-acceptance (不予受理告知书)'),
    })
    .strict()
    .openapi('NotAcceptPetition', {
      example: { reason: 'already-being-handled', notice: '该事项正在办理期限内，不予受理。' },
    }),
  object: z
    .object({ reason: documentText('Why the matter is not within the unit’s remit (异议理由)') })
    .strict()
    .openapi('ObjectToRouting', { example: { reason: '该事项属于人社部门职责，不属于本单位职权范围。' } }),
  decideObjection: z
    .object({
      decision: z.enum(['upheld', 'rerouted']),
      unitId: unitId.optional().openapi({ description: 'rerouted only: the unit to route to instead' }),
      note: documentText('The bureau’s note on its decision').optional(),
    })
    .strict()
    .openapi('DecideObjection', {
      example: { decision: 'upheld', note: '经核实，该事项属于住建部门职责，维持原转送。' },
    }),
  // No free note: only the written notice is recorded, so a note sent is refused rather than dropped (F11).
  accept: z
    .object({
      procedure: z.enum(PROCEDURES).default('normal').openapi({
        description:
          'simplified (简易办理): a first-time petition with clear facts, opinion within 10 working days',
      }),
      notice: documentText(
        'The written notice of acceptance (受理告知书): required where the rule set makes acceptance a ' +
          'decision told in writing (national-2005, 信访条例 2005 Art 21–22); kept with the case otherwise',
      ).optional(),
    })
    .strict()
    .openapi('AcknowledgePetition', {
      // With its written notice: the example works under every rule set, national-2005 included.
      example: { procedure: 'normal', notice: '您反映的电梯停运问题已受理，将于60日内书面答复。' },
    }),
  setProcedure: z
    .object({ procedure: z.literal('normal') })
    .strict()
    .openapi('SetProcedure', { example: { procedure: 'normal' } }),
  setCaseOwner: z
    .object({
      leader: login.openapi({ description: 'Login of the case-owning leader (包案领导)' }),
      handler: login.openapi({ description: 'Login of the responsible handler' }),
      task: documentText('The task (包案任务)'),
      targetDate: isoDate.openapi({
        description:
          'Target date to resolve the matter: from today to the rule set’s limit (90 d by default)',
      }),
    })
    .strict()
    .openapi('SetCaseOwner', {
      example: {
        leader: 'unit-head',
        handler: 'handler',
        task: '督促物业完成电梯维修并回访信访人。',
        targetDate: exampleDateAhead(10),
      },
    }),
  requestExtension: z
    .object({
      days: z.number().int().min(1).max(365),
      reason: documentText('Why more time is needed; the petitioner is told this reason (Art 34)'),
    })
    .strict()
    .openapi('RequestExtension', {
      example: { days: 15, reason: '需委托第三方检测电梯安全状况，检测周期较长。' },
    }),
  // No note, as for the acceptance: the approval records none (F11).
  approveExtension: z.object({}).strict().openapi('ApproveExtension', { example: {} }),
  refuseExtension: z
    .object({ reason: documentText('Why the extension is refused').optional() })
    .strict()
    .openapi('RefuseExtension', { example: { reason: '现有期限内可以办结。' } }),
  reply: z
    .object({
      outcome: z.enum(OUTCOMES),
      opinion: documentText('The written opinion (信访处理意见书)', 50000),
      deliveredOn: isoDate
        .optional()
        .openapi({ description: 'Date the petitioner received the reply; defaults to today' }),
      carryOutDays: z
        .int()
        .min(1)
        .max(366)
        .optional()
        .openapi({
          description:
            'A supported opinion only: the days the opinion sets to carry it out (Art 32 ¶2), instead of the ' +
            'rule set’s default, up to its cap (rule sets 1.4.0 on)',
        }),
    })
    .strict()
    .openapi('ReplyPetition', {
      example: { outcome: 'supported', opinion: '经核查，已责成物业公司于两周内完成电梯维修。' },
    }),
  withdraw: z
    .object({ reason: documentText('The petitioner’s withdrawal, as recorded (撤回)') })
    .strict()
    .openapi('WithdrawPetition', { example: { reason: '信访人来电表示问题已解决，申请撤回。' } }),
} satisfies { [T in StaffCommandType]: z.ZodType };

/** The body of each staff command, as its schema validates it (defaults filled in). */
type CommandBodies = { [T in StaffCommandType]: z.infer<(typeof BODIES)[T]> };
export type CommandBody<T extends StaffCommandType> = CommandBodies[T];

/**
 * The body of each staff command's route: the single source of its validation, of its OpenAPI schema and
 * of the type its command builder reads. A mapped type, so that for a command type T (even a generic one)
 * `COMMAND_BODIES[T]` validates exactly `CommandBody<T>`.
 */
export const COMMAND_BODIES: { [T in StaffCommandType]: z.ZodType<CommandBody<T>> } = BODIES;

/** Whether a command is sent by staff, with a body of COMMAND_BODIES. */
export function isStaffCommand(type: CommandType): type is StaffCommandType {
  return Object.hasOwn(COMMAND_BODIES, type);
}

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
  followUpId,
};
