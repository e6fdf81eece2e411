import { createScope, fields, parseInput, requireActor, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { requireOrgUnit } from '../org-unit';
import { requirePersonInReach } from '../user';
import { DeviceTakenException } from './location-consent.exception';
import { CompanyDevice, LocationConsent, UnitWorkingHours } from './location-consent.entity';
import { locationConsentPermissions } from './location-consent.permissions';
import { locationRefusal, type LocationRefusal, type WorkingHours } from './location-policy';

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a 24-hour time such as 08:30')
  .transform((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));

const workingHoursInput = z
  .object({
    orgUnitId: fields.id('orgUnitId'),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1, 'must name at least one weekday (1 = Monday … 7 = Sunday)'),
    start: clockTime,
    end: clockTime,
  })
  .refine((h) => h.end > h.start, { message: 'must be after start', path: ['end'] });

const deviceInput = z.object({ userId: fields.id('userId'), deviceId: fields.text(200) });
const checkInput = z.object({ userId: fields.id('userId'), deviceId: fields.text(200), at: z.date().nullish() });

const consentFields = (consent: LocationConsent | null) => ({ consentedAt: consent?.consentedAt ?? null, withdrawnAt: consent?.withdrawnAt ?? null });

/** The signed-in person gives or withdraws consent; the record of when is kept either way. */
export async function setLocationConsent(scope: Scope, given: boolean): Promise<{ given: boolean; changedAt: Date }> {
  const { em } = scope;
  const actor = requireActor(scope.actor);
  const now = scope.clock.now();
  const consent = await em.findOne(LocationConsent, { userId: actor.userId });
  const before = consentFields(consent);
  let changed: LocationConsent | null = null;
  if (given) {
    changed = consent
      ? Object.assign(consent, { consentedAt: now, withdrawnAt: null })
      : em.create(LocationConsent, { userId: actor.userId, consentedAt: now });
  } else if (consent && !consent.withdrawnAt) {
    changed = Object.assign(consent, { withdrawnAt: now });
  }
  if (changed) {
    const action = given ? 'user.location_consent_given' : 'user.location_consent_withdrawn';
    scope.audit({ subjectType: 'User', subjectId: actor.userId, action, before, after: consentFields(changed) });
  }
  await em.flush();
  return { given, changedAt: now };
}

export async function registerCompanyDevice(scope: Scope, input: unknown): Promise<CompanyDevice> {
  const { em } = scope;
  const actor = requireActor(scope.actor);
  locationConsentPermissions.require(actor, 'company_device.register');
  const data = parseInput(deviceInput, input);
  await requirePersonInReach(em, actor, data.userId, 'userId');
  if (await em.count(CompanyDevice, { deviceId: data.deviceId })) throw new DeviceTakenException(data.deviceId);
  const device = em.create(CompanyDevice, { ...data, registeredAt: scope.clock.now() });
  scope.audit({ subjectType: 'User', subjectId: data.userId, action: 'user.company_device_registered', after: { deviceId: device.deviceId } });
  await em.flush();
  return device;
}

const hoursFields = (hours: UnitWorkingHours | null) =>
  hours && { weekdays: hours.weekdays, startMinute: hours.startMinute, endMinute: hours.endMinute };

export async function setWorkingHours(scope: Scope, input: unknown): Promise<UnitWorkingHours> {
  locationConsentPermissions.require(requireActor(scope.actor), 'working_hours.set');
  const data = parseInput(workingHoursInput, input);
  await requireOrgUnit(scope.em, data.orgUnitId);
  return scope.em.transactional(async (tx) => {
    const before = hoursFields(await tx.findOne(UnitWorkingHours, { orgUnitId: data.orgUnitId }));
    const hours = await tx.upsert(UnitWorkingHours, { orgUnitId: data.orgUnitId, weekdays: data.weekdays, startMinute: data.start, endMinute: data.end });
    const after = hoursFields(hours);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      createScope({ ...scope, em: tx }).audit({ subjectType: 'OrgUnit', subjectId: data.orgUnitId, action: 'org_unit.working_hours_set', before, after });
    }
    return hours;
  });
}

/** The unit's own hours, or its nearest ancestor's. */
async function workingHoursFor(em: EntityManager, orgUnitId: string): Promise<WorkingHours | null> {
  const [row] = (await em.getConnection().execute(
    `select h.weekdays, h.start_minute, h.end_minute from unit_working_hours h
       join org_unit o on o.id = h.org_unit_id
      where o.path @> (select path from org_unit where id = ?)
      order by nlevel(o.path) desc limit 1`,
    [orgUnitId],
  )) as { weekdays: number[]; start_minute: number; end_minute: number }[];
  return row ? { weekdays: row.weekdays, startMinute: row.start_minute, endMinute: row.end_minute } : null;
}

/** ORG-8's check for the visit features: may this person's location be recorded at this instant (default now), from this device? */
export async function checkLocationRecording(scope: Scope, input: unknown): Promise<{ allowed: boolean; refusal: LocationRefusal | null }> {
  const { em } = scope;
  const data = parseInput(checkInput, input);
  const { person } = await requirePersonInReach(em, requireActor(scope.actor), data.userId, 'userId');
  const consent = await em.findOne(LocationConsent, { userId: person.id });
  const refusal = locationRefusal({
    active: person.active,
    consented: Boolean(consent && !consent.withdrawnAt),
    companyDevice: (await em.count(CompanyDevice, { userId: person.id, deviceId: data.deviceId })) > 0,
    hours: await workingHoursFor(em, person.orgUnitId),
    at: data.at ?? scope.clock.now(),
  });
  return { allowed: refusal === null, refusal };
}
