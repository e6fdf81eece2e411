import { DomainException, ErrorCodes } from '@crm/platform';
import type { OpportunityField } from '../../generated/graphql';

/** One the actor may not see and one that does not exist get the same answer. */
export class OpportunityNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No opportunity ${id} that you can see.`, { reason: 'OPPORTUNITY_NOT_FOUND', field: 'id' });
  }
}

export class UnknownStageException extends DomainException {
  constructor(stageId: string, pipelineId: string) {
    super(ErrorCodes.BadUserInput, `stageId: ${stageId} is not an active stage of pipeline ${pipelineId}.`, { reason: 'UNKNOWN_STAGE', field: 'stageId' });
  }
}

/** FUN-2: a stage is entered only with the fields it requires. */
export class RequiredFieldsMissingException extends DomainException {
  constructor(stageName: string, missingFields: readonly OpportunityField[]) {
    super(ErrorCodes.BadUserInput, `Entering ${stageName} needs ${missingFields.join(', ')}; give them with the move.`, {
      reason: 'REQUIRED_FIELDS_MISSING',
      field: 'stageId',
      missingFields,
    });
  }
}

export class OpportunityClosedException extends DomainException {
  constructor(id: string, status: string) {
    super(ErrorCodes.Conflict, `Opportunity ${id} is ${status}; only an open one moves or closes.`, { reason: 'OPPORTUNITY_CLOSED', status });
  }
}

export class AlreadyInStageException extends DomainException {
  constructor(id: string, stageName: string) {
    super(ErrorCodes.Conflict, `Opportunity ${id} is already in ${stageName}.`, { reason: 'ALREADY_IN_STAGE', field: 'stageId' });
  }
}

/** A lead without a customer converts into a new one, which needs a name. */
export class CustomerNameRequiredException extends DomainException {
  constructor() {
    super(ErrorCodes.BadUserInput, 'customer.name: the lead has no company or contact name; give the new customer a name.', { reason: 'CUSTOMER_NAME_REQUIRED', field: 'customer.name' });
  }
}

/** A lead the actor may not see and one that does not exist get the same answer. */
export class ConvertedLeadNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No lead ${id} that you can see.`, { reason: 'LEAD_NOT_FOUND', field: 'leadId' });
  }
}

/** Seed 003: only a lead telesales verified becomes an opportunity. */
export class LeadNotConvertibleException extends DomainException {
  constructor(id: string, status: string) {
    super(ErrorCodes.Conflict, `Lead ${id} is ${status}; only a VERIFIED lead converts into an opportunity.`, { reason: 'LEAD_NOT_VERIFIED', leadId: id, status });
  }
}
