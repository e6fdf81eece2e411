import { DomainException, ErrorCodes } from '@crm/platform';

export class UnknownOwnerException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.BadUserInput, `ownerId: ${id} is not an active user; pick an active person as owner.`, {
      reason: 'UNKNOWN_OWNER',
      field: 'ownerId',
    });
  }
}
