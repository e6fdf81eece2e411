import { DomainException, ErrorCodes } from '@crm/platform';

export class SalesTeamNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No sales team with id ${id}.`, { reason: 'SALES_TEAM_NOT_FOUND' });
  }
}

export class NotATeamMemberException extends DomainException {
  constructor(field: string) {
    super(ErrorCodes.BadUserInput, `${field}: this person is not a member of the team; add them first.`, { reason: 'NOT_A_TEAM_MEMBER', field });
  }
}

export class NotTheLeaderException extends DomainException {
  constructor() {
    super(ErrorCodes.Forbidden, "Only the team's leader or a manager above it may assign product lines.", { reason: 'NOT_THE_LEADER' });
  }
}
