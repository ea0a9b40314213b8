import { accept, outsideDates, refuse, type RuleMap } from './decision';

/**
 * Closures a provincial text adds to the national ones, offered only where the case's pinned rule set
 * names them (policy.closures): a case pinned to a version without them is refused as before it existed.
 */
export const CLOSURE_RULES = {
  closeOnVerification(state, c, ctx) {
    if (!ctx.policy.closures?.verification) {
      return refuse(
        'transition_not_allowed',
        `${ctx.policy.ruleSetId}@${ctx.policy.ruleSetVersion} has no closure on verification (核查)`,
      );
    }
    if (c.checkingUnitId === state.handlingUnitId) {
      return refuse(
        'invalid_argument',
        'the check is made by a municipal department or a district government other than the handling unit',
        'checkingUnitId',
      );
    }
    const approvedOn = c.approvedOn ?? ctx.today;
    // The check looks at the opinion the petitioner contests: it is approved after that opinion was delivered.
    const opinionOn = state.review?.deliveredOn ?? state.reply?.deliveredOn ?? state.receivedOn;
    const outside = outsideDates(
      'approvedOn',
      approvedOn,
      opinionOn,
      ctx.today,
      'the delivery of the opinion checked',
    );
    if (outside) return outside;
    return accept(
      {
        type: 'verification-approved',
        checkingUnitId: c.checkingUnitId,
        checkingUnitName: c.checkingUnitName,
        conclusionDocumentId: c.conclusionDocumentId,
        approvedOn,
      },
      { type: 'closed', reason: 'verified', closedOn: ctx.today },
    );
  },

  closeOnAgreement(state, c, ctx) {
    if (!ctx.policy.closures?.agreementCarriedOut) {
      return refuse(
        'transition_not_allowed',
        `${ctx.policy.ruleSetId}@${ctx.policy.ruleSetVersion} has no closure on an agreement carried out`,
      );
    }
    const acceptedOn = state.acceptedOn ?? state.receivedOn;
    const agreed = outsideDates('agreedOn', c.agreedOn, acceptedOn, ctx.today, 'the acceptance date');
    if (agreed) return agreed;
    const done = outsideDates('carriedOutOn', c.carriedOutOn, c.agreedOn, ctx.today, 'the agreement date');
    if (done) return done;
    return accept(
      {
        type: 'agreement-carried-out',
        agreementDocumentId: c.agreementDocumentId,
        agreedOn: c.agreedOn,
        carriedOutOn: c.carriedOutOn,
        ...(c.noteDocumentId ? { noteDocumentId: c.noteDocumentId } : {}),
      },
      { type: 'closed', reason: 'agreement-carried-out', closedOn: ctx.today },
    );
  },
} satisfies Partial<RuleMap>;
