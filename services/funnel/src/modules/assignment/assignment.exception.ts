import { DomainException, ErrorCodes } from '@crm/platform';

/** Why each of a team's reps was passed over: nobody is left to take the leads. */
export class NoEligibleRepException extends DomainException {
  constructor(team: string, away: readonly string[], atCapacity: readonly string[]) {
    const why =
      away.length && !atCapacity.length
        ? 'everyone is away (on leave or inactive)'
        : atCapacity.length && !away.length
          ? 'everyone’s private pool is at capacity'
          : `${away.length} ${away.length === 1 ? 'is' : 'are'} away and ${atCapacity.length} at capacity`;
    super(ErrorCodes.Conflict, `Nobody in ${team} can take leads now: ${why}. Nothing was assigned.`, {
      reason: 'NO_ELIGIBLE_REP',
      awayUserIds: away,
      atCapacityUserIds: atCapacity,
    });
  }
}

/** A team with no active reps at all, which no waiting fixes. */
export class EmptyTeamException extends DomainException {
  constructor(team: string, field: string) {
    super(ErrorCodes.BadUserInput, `${field}: ${team} has no active reps to assign to.`, { reason: 'TEAM_WITHOUT_REPS', field });
  }
}

/** RULES: leads no rule matches are not guessed at. */
export class NoRuleMatchesException extends DomainException {
  constructor(leadIds: readonly string[]) {
    super(ErrorCodes.Conflict, `No assignment rule matches lead ${leadIds.join(', ')}; add a rule or assign ${leadIds.length === 1 ? 'it' : 'them'} another way. Nothing was assigned.`, {
      reason: 'NO_RULE_MATCHES',
      leadIds,
    });
  }
}

export class RulePriorityTakenException extends DomainException {
  constructor(priority: number) {
    super(ErrorCodes.Conflict, `priority: rule ${priority} exists; pick a free priority or delete that rule first.`, { reason: 'ASSIGNMENT_RULE_PRIORITY_TAKEN', field: 'priority' });
  }
}

export class AssignmentRuleNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No assignment rule ${id}.`, { reason: 'ASSIGNMENT_RULE_NOT_FOUND' });
  }
}

export class AssignmentRunNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No lead assignment run ${id} that you started.`, { reason: 'ASSIGNMENT_RUN_NOT_FOUND' });
  }
}

/** An org unit given as a team that does not exist, or lies outside the actor's part of the organisation. */
export class OrgUnitOutOfReachException extends DomainException {
  constructor(unitId: string, field: string) {
    super(ErrorCodes.Forbidden, `${field}: org unit ${unitId} is not in your part of the organisation.`, { reason: 'ORG_UNIT_OUT_OF_REACH', field });
  }
}

export class UnknownOrgUnitException extends DomainException {
  constructor(unitId: string, field: string) {
    super(ErrorCodes.BadUserInput, `${field}: there is no org unit ${unitId}.`, { reason: 'UNKNOWN_ORG_UNIT', field });
  }
}
