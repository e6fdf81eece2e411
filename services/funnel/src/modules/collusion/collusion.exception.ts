import { DomainException, ErrorCodes } from '@crm/platform';

/** One the actor may not see and one that does not exist get the same answer. */
export class CollusionFlagNotFoundException extends DomainException {
  constructor(id: string, field = 'id') {
    super(ErrorCodes.NotFound, `No collusion flag ${id} that you can see.`, { reason: 'COLLUSION_FLAG_NOT_FOUND', field });
  }
}

/** A dismissed or reversed flag is settled; a new occurrence opens a new one. */
export class CollusionFlagClosedException extends DomainException {
  constructor(id: string, status: string) {
    super(ErrorCodes.Conflict, `Collusion flag ${id} is ${status}; only an OPEN flag can be dismissed or acted on.`, { reason: 'COLLUSION_FLAG_CLOSED', status });
  }
}

/** Only a claim the flag is about may be reversed through it. */
export class RecordNotInEvidenceException extends DomainException {
  constructor(flagId: string, recordId: string) {
    super(ErrorCodes.BadUserInput, `recordId: ${recordId} was not claimed in the evidence of flag ${flagId}; pick a record the flag lists.`, {
      reason: 'RECORD_NOT_IN_EVIDENCE',
      field: 'recordId',
    });
  }
}
