import { newId } from '@crm/platform';
import { EntitySchema, OptionalProps } from '@mikro-orm/core';

/** A person's consent to location recording; withdrawing keeps the record. */
export class LocationConsent {
  [OptionalProps]?: 'withdrawnAt';
  userId!: string;
  consentedAt!: Date;
  withdrawnAt: Date | null = null;
}

export const LocationConsentSchema = new EntitySchema<LocationConsent>({
  class: LocationConsent,
  tableName: 'location_consent',
  properties: {
    userId: { type: 'uuid', primary: true },
    consentedAt: { type: 'datetime' },
    withdrawnAt: { type: 'datetime', nullable: true },
  },
});

/** A device the company issued to a person; only these may report locations. */
export class CompanyDevice {
  [OptionalProps]?: 'id';
  id: string = newId();
  userId!: string;
  deviceId!: string;
  /** From the writer's clock. */
  registeredAt!: Date;
}

export const CompanyDeviceSchema = new EntitySchema<CompanyDevice>({
  class: CompanyDevice,
  tableName: 'company_device',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    deviceId: { type: 'text' },
    registeredAt: { type: 'datetime' },
  },
});

/** A unit's working hours; units without their own inherit their nearest ancestor's. */
export class UnitWorkingHours {
  orgUnitId!: string;
  weekdays!: number[];
  startMinute!: number;
  endMinute!: number;
}

export const UnitWorkingHoursSchema = new EntitySchema<UnitWorkingHours>({
  class: UnitWorkingHours,
  tableName: 'unit_working_hours',
  properties: {
    orgUnitId: { type: 'uuid', primary: true },
    weekdays: { type: 'array' },
    startMinute: { type: 'integer' },
    endMinute: { type: 'integer' },
  },
});
