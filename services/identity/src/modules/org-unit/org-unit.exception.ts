import { DomainException, ErrorCodes } from '@crm/platform';

export class UnknownOrgUnitException extends DomainException {
  constructor(id: string, field = 'orgUnitId') {
    super(ErrorCodes.BadUserInput, `${field}: no org unit with id ${id}.`, { reason: 'UNKNOWN_ORG_UNIT', field });
  }
}

export class OrgTreeCycleException extends DomainException {
  constructor(unitName: string) {
    super(ErrorCodes.BadUserInput, `newParentId: ${unitName} cannot move under itself or one of its own sub-units.`, {
      reason: 'ORG_TREE_CYCLE',
      field: 'newParentId',
    });
  }
}

export class OrgUnitCodeTakenException extends DomainException {
  constructor(path: string) {
    super(ErrorCodes.Conflict, `code: ${path} already exists; pick another code.`, { reason: 'ORG_UNIT_CODE_TAKEN', field: 'code' });
  }
}

export class OrgUnitClosedException extends DomainException {
  constructor(unitName: string) {
    super(ErrorCodes.BadUserInput, `${unitName} is closed; reopen it or pick an open unit.`, { reason: 'ORG_UNIT_CLOSED' });
  }
}
