import { fields, parseInput, requireRole, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { requireOrgUnit } from '../org-unit';
import { requirePersonInReach } from '../user';
import { DeviceTakenException } from './location-consent.exception';
import { CompanyDevice, LocationConsent, UnitWorkingHours } from './location-consent.entity';
import { locationRefusal, type LocationRefusal, type WorkingHours } from './location-policy';

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a 24-hour time such as 08:30')
  .transform((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));

const workingHoursInput = z
  .object({
    orgUnitId: fields.id('orgUnitId'),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1, 'must name at least one weekday (1 = Monday … 7 = Sunday)'),
    start: clock,
    end: clock,
  })
  .refine((h) => h.end > h.start, { message: 'must be after start', path: ['end'] });

const deviceInput = z.object({ userId: fields.id('userId'), deviceId: fields.text(200) });
const checkInput = z.object({ userId: fields.id('userId'), deviceId: fields.text(200), at: z.date().nullish() });

/** The signed-in person gives or withdraws consent; the record of when is kept either way. */
export async function setLocationConsent(em: EntityManager, actor: Actor, given: boolean): Promise<{ given: boolean; changedAt: Date }> {
  const now = new Date();
  const consent = await em.findOne(LocationConsent, { userId: actor.userId });
  if (given) {
    if (consent) Object.assign(consent, { consentedAt: now, withdrawnAt: null });
    else em.create(LocationConsent, { userId: actor.userId, consentedAt: now });
  } else if (consent && !consent.withdrawnAt) {
    consent.withdrawnAt = now;
  }
  await em.flush();
  return { given, changedAt: now };
}

export async function registerCompanyDevice(em: EntityManager, actor: Actor, input: unknown): Promise<CompanyDevice> {
  requireRole(actor, 'ADMIN', 'MANAGER');
  const data = parseInput(deviceInput, input);
  await requirePersonInReach(em, actor, data.userId, 'userId');
  if (await em.count(CompanyDevice, { deviceId: data.deviceId })) throw new DeviceTakenException(data.deviceId);
  const device = em.create(CompanyDevice, data);
  await em.flush();
  return device;
}

export async function setWorkingHours(em: EntityManager, actor: Actor, input: unknown): Promise<UnitWorkingHours> {
  requireRole(actor, 'ADMIN');
  const data = parseInput(workingHoursInput, input);
  await requireOrgUnit(em, data.orgUnitId);
  return em.upsert(UnitWorkingHours, { orgUnitId: data.orgUnitId, weekdays: data.weekdays, startMinute: data.start, endMinute: data.end });
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

/** ORG-8's check for the visit features: may this person's location be recorded now, from this device? */
export async function checkLocationRecording(
  em: EntityManager,
  actor: Actor,
  input: unknown,
): Promise<{ allowed: boolean; refusal: LocationRefusal | null }> {
  const data = parseInput(checkInput, input);
  const { person } = await requirePersonInReach(em, actor, data.userId, 'userId');
  const consent = await em.findOne(LocationConsent, { userId: person.id });
  const refusal = locationRefusal({
    active: person.active,
    consented: Boolean(consent && !consent.withdrawnAt),
    companyDevice: (await em.count(CompanyDevice, { userId: person.id, deviceId: data.deviceId })) > 0,
    hours: await workingHoursFor(em, person.orgUnitId),
    at: data.at ?? new Date(),
  });
  return { allowed: refusal === null, refusal };
}
