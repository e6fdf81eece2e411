import { DomainException, ErrorCodes } from '@crm/platform';

/** An interaction logged as happening after now (CUS-6): it cannot have happened yet. */
export class InteractionInFutureException extends DomainException {
  constructor(occurredAt: Date, now: Date) {
    super(ErrorCodes.BadUserInput, `occurredAt: ${occurredAt.toISOString()} is in the future (it is now ${now.toISOString()}); log an interaction once it has happened.`, {
      reason: 'INTERACTION_IN_FUTURE',
      field: 'occurredAt',
    });
  }
}
