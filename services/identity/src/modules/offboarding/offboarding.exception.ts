import { DomainException, ErrorCodes } from '@crm/platform';

export class SuccessorException extends DomainException {
  constructor(message: string, reason: 'SUCCESSOR_INACTIVE' | 'SUCCESSOR_IS_SELF') {
    super(ErrorCodes.BadUserInput, `successorId: ${message}`, { reason, field: 'successorId' });
  }
}
