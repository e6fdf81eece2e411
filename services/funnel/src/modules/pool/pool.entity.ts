import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { PoolDropReason, PoolRecordType, PoolState } from '../../generated/graphql';

/**
 * A record in a pool (FUN-4). A private entry carries its drop date precomputed from its owner's
 * unit policy (the earliest of the three rules), so the sweep is one indexed, set-based statement.
 */
export class PoolEntry {
  [OptionalProps]?: 'id' | 'divisionCode' | 'territoryPath' | 'dropsAt' | 'dropReason' | 'warnAt' | 'warnedDropsAt' | 'protectionDays' | 'formerOwnerId' | 'protectedUntil' | 'droppedAt';
  id: string = newId();
  recordType!: PoolRecordType;
  recordId!: string;
  customerId!: string;
  state!: PoolState;
  /** Null in the public pool: the entry, not the record's own owner field, says who may work it. */
  ownerId!: string | null;
  /** Where the record is, for the territory check (ORG-3); null where nothing locates it. */
  divisionCode: string | null = null;
  /** The path of the unit owning that territory when the entry was made: the public pool's filter. */
  territoryPath: string | null = null;
  lastFollowUpAt!: Date;
  lastStageMoveAt!: Date;
  enteredPrivateAt!: Date;
  dropsAt: Date | null = null;
  dropReason: PoolDropReason | null = null;
  warnAt: Date | null = null;
  /** The dropsAt its owner was reminded of: one reminder per drop date. */
  warnedDropsAt: Date | null = null;
  /** The owner's unit's protection period, kept with dropsAt so a drop needs no policy lookup. */
  protectionDays = 7;
  formerOwnerId: string | null = null;
  protectedUntil: Date | null = null;
  droppedAt: Date | null = null;
}

export const PoolEntrySchema = new EntitySchema<PoolEntry>({
  class: PoolEntry,
  tableName: 'pool_entry',
  properties: {
    id: { type: 'uuid', primary: true },
    recordType: { type: 'string' },
    recordId: { type: 'uuid' },
    customerId: { type: 'uuid' },
    state: { type: 'string' },
    ownerId: { type: 'uuid', nullable: true },
    divisionCode: { type: 'string', nullable: true },
    territoryPath: { type: 'string', columnType: 'ltree', nullable: true },
    lastFollowUpAt: { type: 'datetime' },
    lastStageMoveAt: { type: 'datetime' },
    enteredPrivateAt: { type: 'datetime' },
    dropsAt: { type: 'datetime', nullable: true },
    dropReason: { type: 'string', nullable: true },
    warnAt: { type: 'datetime', nullable: true },
    warnedDropsAt: { type: 'datetime', nullable: true },
    protectionDays: { type: 'integer' },
    formerOwnerId: { type: 'uuid', nullable: true },
    protectedUntil: { type: 'datetime', nullable: true },
    droppedAt: { type: 'datetime', nullable: true },
  },
});

/** A unit's own pool settings; null fields inherit from the nearest ancestor that sets them. */
export class PoolPolicyRecord {
  orgUnitId!: string;
  noFollowUpDays: number | null = null;
  noStageMoveDays: number | null = null;
  noDealDays: number | null = null;
  reminderDays: number | null = null;
  protectionDays: number | null = null;
  capacity: number | null = null;
  dailyClaimLimit: number | null = null;
  customersEnabled: boolean | null = null;
}

export const PoolPolicySchema = new EntitySchema<PoolPolicyRecord>({
  class: PoolPolicyRecord,
  tableName: 'pool_policy',
  properties: {
    orgUnitId: { type: 'uuid', primary: true },
    noFollowUpDays: { type: 'integer', nullable: true },
    noStageMoveDays: { type: 'integer', nullable: true },
    noDealDays: { type: 'integer', nullable: true },
    reminderDays: { type: 'integer', nullable: true },
    protectionDays: { type: 'integer', nullable: true },
    capacity: { type: 'integer', nullable: true },
    dailyClaimLimit: { type: 'integer', nullable: true },
    customersEnabled: { type: 'boolean', nullable: true },
  },
});

/** One rep's capacity, over their unit's. */
export class RepPoolCapacity {
  userId!: string;
  capacity!: number;
}

export const RepPoolCapacitySchema = new EntitySchema<RepPoolCapacity>({
  class: RepPoolCapacity,
  tableName: 'pool_rep_capacity',
  properties: { userId: { type: 'uuid', primary: true }, capacity: { type: 'integer' } },
});

export type PoolMovementKind = 'ENTERED' | 'CLAIMED' | 'DROPPED';

/** One movement into, out of or between pools, filed under the unit of the person it concerned (poolFlows). */
export class PoolMovement {
  [OptionalProps]?: 'id' | 'reason';
  id: string = newId();
  recordType!: PoolRecordType;
  recordId!: string;
  kind!: PoolMovementKind;
  reason: string | null = null;
  userId!: string;
  unitPath!: string;
  at!: Date;
}

export const PoolMovementSchema = new EntitySchema<PoolMovement>({
  class: PoolMovement,
  tableName: 'pool_movement',
  properties: {
    id: { type: 'uuid', primary: true },
    recordType: { type: 'string' },
    recordId: { type: 'uuid' },
    kind: { type: 'string' },
    reason: { type: 'string', nullable: true },
    userId: { type: 'uuid' },
    unitPath: { type: 'string', columnType: 'ltree' },
    at: { type: 'datetime' },
  },
});
