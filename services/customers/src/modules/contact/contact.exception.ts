import { DomainException, ErrorCodes } from '@crm/platform';

/** A contact that does not exist, or belongs to a customer the actor cannot see: the same answer for both. */
export class ContactNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No contact with id ${id} that you can see.`, { reason: 'CONTACT_NOT_FOUND' });
  }
}
