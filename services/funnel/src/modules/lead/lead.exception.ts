import { DomainException, ErrorCodes } from '@crm/platform';
import type { CleaningNote } from './lead.entity';

/** A lead the actor may not see and one that does not exist get the same answer. */
export class LeadNotFoundException extends DomainException {
  constructor(ids: readonly string[]) {
    super(ErrorCodes.NotFound, `No lead ${ids.join(', ')} that you can see.`, { reason: 'LEAD_NOT_FOUND', leadIds: ids });
  }
}

/** createLead with onInvalidPhone: REMOVE: the lead is not taken, and nothing is written. */
export class InvalidPhoneException extends DomainException {
  constructor(notes: readonly CleaningNote[]) {
    super(ErrorCodes.BadUserInput, notes.map((note) => `${note.field}: ${note.message}`).join(' '), { reason: 'INVALID_PHONE', field: notes[0]?.field ?? undefined });
  }
}

/** Verification settles a NEW lead once: VERIFIED or DISCARDED, never back. */
export class LeadNotNewException extends DomainException {
  constructor(id: string, status: string) {
    super(ErrorCodes.Conflict, `Lead ${id} is ${status}; only a NEW lead can be verified or rejected.`, { reason: 'LEAD_NOT_NEW', status });
  }
}

/** Seed 003: leads are distributed only once telesales verified them. */
export class LeadNotVerifiedException extends DomainException {
  constructor(ids: readonly string[]) {
    super(ErrorCodes.Conflict, `Only verified leads are distributed; ${ids.join(', ')} ${ids.length === 1 ? 'is' : 'are'} not verified. Nothing was distributed.`, {
      reason: 'LEAD_NOT_VERIFIED',
      leadIds: ids,
    });
  }
}
