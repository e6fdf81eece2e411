import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { CollusionFlagStatus, type CollusionKind, type CollusionMove, type PoolDropReason, type PoolRecordType } from '../../generated/graphql';

/**
 * One drop or claim of a pool record, as anti-collusion logs it from the pool's events: the
 * evidence flags point at. `personId` dropped or claimed it; a claim names who held it before
 * (`formerOwnerId`) and when that drop was (`droppedAt`), a drop until when its former owner may not
 * take it back (`protectedUntil`).
 */
export class CollusionMovement {
  [OptionalProps]?: 'id' | 'formerOwnerId' | 'droppedAt' | 'dropReason' | 'protectedUntil';
  id: string = newId();
  /** The pool event it was logged from; a redelivered one is not logged twice. */
  eventId!: string;
  kind!: CollusionMove;
  recordType!: PoolRecordType;
  recordId!: string;
  customerId!: string;
  personId!: string;
  formerOwnerId: string | null = null;
  droppedAt: Date | null = null;
  dropReason: PoolDropReason | null = null;
  protectedUntil: Date | null = null;
  occurredAt!: Date;
}

export const CollusionMovementSchema = new EntitySchema<CollusionMovement>({
  class: CollusionMovement,
  tableName: 'collusion_movement',
  properties: {
    id: { type: 'uuid', primary: true },
    eventId: { type: 'uuid' },
    kind: { type: 'string' },
    recordType: { type: 'string' },
    recordId: { type: 'uuid' },
    customerId: { type: 'uuid' },
    personId: { type: 'uuid' },
    formerOwnerId: { type: 'uuid', nullable: true },
    droppedAt: { type: 'datetime', nullable: true },
    dropReason: { type: 'text', nullable: true },
    protectedUntil: { type: 'datetime', nullable: true },
    occurredAt: { type: 'datetime' },
  },
});

/** A suspected pattern between two people, `personAId` < `personBId`; at most one OPEN per pair and kind. */
export class CollusionFlag {
  [OptionalProps]?: 'id' | 'status' | 'closedAt' | 'closedById' | 'closeReason' | 'reversedRecordId';
  id: string = newId();
  kind!: CollusionKind;
  personAId!: string;
  personBId!: string;
  status: CollusionFlagStatus = CollusionFlagStatus.Open;
  openedAt!: Date;
  /** The latest occurrence that added evidence. */
  lastSeenAt!: Date;
  closedAt: Date | null = null;
  closedById: string | null = null;
  closeReason: string | null = null;
  reversedRecordId: string | null = null;
}

export const CollusionFlagSchema = new EntitySchema<CollusionFlag>({
  class: CollusionFlag,
  tableName: 'collusion_flag',
  properties: {
    id: { type: 'uuid', primary: true },
    kind: { type: 'string' },
    personAId: { type: 'uuid', fieldName: 'person_a_id' },
    personBId: { type: 'uuid', fieldName: 'person_b_id' },
    status: { type: 'string' },
    openedAt: { type: 'datetime' },
    lastSeenAt: { type: 'datetime' },
    closedAt: { type: 'datetime', nullable: true },
    closedById: { type: 'uuid', nullable: true },
    closeReason: { type: 'text', nullable: true },
    reversedRecordId: { type: 'uuid', nullable: true },
  },
});

/** The thresholds an admin set; without the row, the defaults in collusion-thresholds.ts hold. */
export class CollusionSettings {
  id = 1;
  handoffMinutes!: number;
  repeatCount!: number;
  windowDays!: number;
  protectionEndMinutes!: number;
  updatedAt!: Date;
  updatedById!: string;
}

export const CollusionSettingsSchema = new EntitySchema<CollusionSettings>({
  class: CollusionSettings,
  tableName: 'collusion_settings',
  properties: {
    id: { type: 'smallint', primary: true },
    handoffMinutes: { type: 'integer' },
    repeatCount: { type: 'integer' },
    windowDays: { type: 'integer' },
    protectionEndMinutes: { type: 'integer' },
    updatedAt: { type: 'datetime' },
    updatedById: { type: 'uuid' },
  },
});
