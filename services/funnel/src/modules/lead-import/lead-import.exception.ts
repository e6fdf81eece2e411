import { DomainException, ErrorCodes } from '@crm/platform';

export class LeadImportNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No lead import ${id} that you can see.`, { reason: 'LEAD_IMPORT_NOT_FOUND' });
  }
}

export class UnreadableFileException extends DomainException {
  constructor(format: string, why: string) {
    super(ErrorCodes.BadUserInput, `The file cannot be read as ${format}: ${why}`, { reason: 'UNREADABLE_FILE', field: 'format' });
  }
}
