import { DomainException, ErrorCodes } from '@crm/platform';

export class UnknownDivisionException extends DomainException {
  constructor(code: string) {
    super(ErrorCodes.BadUserInput, `divisionCode: ${code} is not a GB/T 2260 administrative division code.`, {
      reason: 'UNKNOWN_DIVISION',
      field: 'divisionCode',
    });
  }
}

export class TerritoryTakenException extends DomainException {
  constructor(divisionName: string, unitName: string) {
    super(ErrorCodes.Conflict, `${divisionName} already belongs to ${unitName}; unbind it there first.`, { reason: 'TERRITORY_TAKEN' });
  }
}
