import { DomainException, ErrorCodes } from '@crm/platform';

/** A record not in the pools and one the actor may not see get the same answer. */
export class PoolEntryNotFoundException extends DomainException {
  constructor(recordType: string, recordId: string) {
    super(ErrorCodes.NotFound, `No ${recordType.toLowerCase()} ${recordId} in a pool that you can see.`, { reason: 'POOL_ENTRY_NOT_FOUND', field: 'recordId' });
  }
}

export class NotInPublicPoolException extends DomainException {
  constructor(recordType: string, recordId: string) {
    super(ErrorCodes.Conflict, `${recordType} ${recordId} is not in the public pool; someone holds it, or it never dropped.`, { reason: 'NOT_IN_PUBLIC_POOL', recordType, recordId });
  }
}

/** FUN-4: whoever let a record drop may not take it straight back. */
export class FormerOwnerProtectedException extends DomainException {
  constructor(protectedUntil: Date) {
    super(ErrorCodes.Conflict, `You held this record until it dropped; you may claim it again from ${protectedUntil.toISOString()}.`, {
      reason: 'FORMER_OWNER_PROTECTED',
      protectedUntil: protectedUntil.toISOString(),
    });
  }
}

export class PoolCapacityReachedException extends DomainException {
  constructor(capacity: number, count: number) {
    super(ErrorCodes.Conflict, `Your private pool holds ${count} of ${capacity} records; release or close one before claiming another.`, { reason: 'POOL_CAPACITY_REACHED', capacity, count });
  }
}

export class DailyClaimLimitReachedException extends DomainException {
  constructor(limit: number, count: number) {
    super(ErrorCodes.Conflict, `You claimed ${count} records today, the daily limit of ${limit}; claim more tomorrow (Shanghai time).`, { reason: 'DAILY_CLAIM_LIMIT_REACHED', limit, count });
  }
}

export class NotYourPrivateRecordException extends DomainException {
  constructor(recordType: string, recordId: string) {
    super(ErrorCodes.Conflict, `${recordType} ${recordId} is not in your private pool; only its holder releases it.`, { reason: 'NOT_IN_YOUR_PRIVATE_POOL', recordType, recordId });
  }
}

export class NoClaimToReverseException extends DomainException {
  constructor(recordType: string, recordId: string) {
    super(ErrorCodes.Conflict, `${recordType} ${recordId} is not held by anyone the claim concerns; there is no claim to reverse.`, { reason: 'NO_CLAIM_TO_REVERSE', recordType, recordId });
  }
}

/** FUN-4: while a record is in the public pool nobody works it; it is claimed first. */
export class InPublicPoolException extends DomainException {
  constructor(recordId: string) {
    super(ErrorCodes.Conflict, `${recordId} is in the public pool; claim it before working it.`, { reason: 'IN_PUBLIC_POOL', recordId });
  }
}

export class OrgUnitNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No org unit ${id} within your reach.`, { reason: 'ORG_UNIT_NOT_FOUND', field: 'orgUnitId' });
  }
}

export class RepNotFoundException extends DomainException {
  constructor(id: string) {
    super(ErrorCodes.NotFound, `No rep ${id} within your reach.`, { reason: 'USER_NOT_FOUND', field: 'userId' });
  }
}
