import { DomainException, ErrorCodes } from '@crm/platform';

/** Why a scoring rule is refused; stable, clients branch on them. */
export type ScoringRuleRefusal = 'CONDITION_MISMATCH' | 'UNKNOWN_VALUE' | 'POINTS_OUT_OF_RANGE' | 'CONDITION_OUT_OF_RANGE';

export class InvalidScoringRuleException extends DomainException {
  constructor(field: string, reason: ScoringRuleRefusal, message: string) {
    super(ErrorCodes.BadUserInput, `${field}: ${message}`, { reason, field });
  }
}

export class ScoringRuleNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No scoring rule ${id}.`, { reason: 'SCORING_RULE_NOT_FOUND', field: 'id' });
  }
}
