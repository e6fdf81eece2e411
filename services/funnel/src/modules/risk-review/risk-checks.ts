import { pgArray } from '@crm/events';
import type { EntityManager } from '@mikro-orm/core';
import { NewCustomerRiskCode } from '../../generated/graphql';
import type { Lead } from '../lead';
import type { RiskFinding, RiskThresholds } from './risk-review.entity';

/** The keys the new customer is to be created with (lead.converted's newCustomer). */
export interface NewCustomerKeys {
  mobile: string | null;
  uscc: string | null;
}

export interface Conversion {
  lead: Lead;
  newCustomer: NewCustomerKeys;
  at: Date;
}

type Check = (em: EntityManager, conversion: Conversion, thresholds: RiskThresholds) => Promise<RiskFinding | null>;

/** A finding names at most this many records: enough to look into, short enough to read. */
const EVIDENCE_SHOWN = 20;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const execute = <T>(em: EntityManager, sql: string, params: unknown[]) => em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<T[]>;

const phonesOf = (lead: Lead): string[] => [lead.mobile, lead.landline].filter((phone): phone is string => phone !== null);

/** Rows of `select id, count(*) over () as total … limit EVIDENCE_SHOWN`: how many there are, and the first ids. */
type Counted = { id: string; total: string };
const totalOf = (rows: readonly Counted[]): number => Number(rows[0]?.total ?? 0);

/**
 * The new customer's mobile or USCC (else the lead's) is a customer's key already. Funnel knows
 * customers' keys only from its replica, which customers' events keep moments behind; customers
 * itself refuses to create a second holder of a key (customer.conversion_linked).
 */
const duplicateCustomer: Check = async (em, { lead, newCustomer }) => {
  const keys = [
    ['MOBILE', newCustomer.mobile ?? lead.mobile],
    ['USCC', newCustomer.uscc ?? lead.uscc],
  ].filter((key): key is [string, string] => key[1] !== null);
  if (!keys.length) return null;
  const rows = await execute<{ customer_id: string }>(
    em,
    'select distinct customer_id from customer_key_replica where (kind, value) in (select * from unnest(?::text[], ?::text[]))',
    [pgArray(keys.map((key) => key[0])), pgArray(keys.map((key) => key[1]))],
  );
  if (!rows.length) return null;
  return { code: NewCustomerRiskCode.DuplicateCustomer, message: 'Its mobile number or unified social credit code is already a customer\'s.', evidenceIds: rows.map((row) => row.customer_id) };
};

const invalidPhone: Check = async (_em, { lead }) => {
  const notes = lead.cleaningNotes.filter((note) => note.code === 'INVALID_PHONE');
  if (!notes.length) return null;
  return { code: NewCustomerRiskCode.InvalidPhone, message: `Cleaning flagged the lead's ${notes.map((note) => note.field).join(' and ')} as invalid.`, evidenceIds: [lead.id] };
};

/** Leads whose `condition` holds that were entered within `hours` of this lead, either side. */
async function leadsNear(em: EntityManager, lead: Lead, hours: number, condition: string, params: unknown[]): Promise<Counted[]> {
  const from = new Date(lead.createdAt.getTime() - hours * HOUR_MS);
  const to = new Date(lead.createdAt.getTime() + hours * HOUR_MS);
  return execute<Counted>(
    em,
    `select id, count(*) over () as total from lead where (${condition}) and created_at between ? and ? order by created_at limit ${EVIDENCE_SHOWN}`,
    [...params, from, to],
  );
}

const deviceBurst: Check = async (em, { lead }, { deviceBurstCount, deviceBurstHours }) => {
  if (!lead.deviceId) return null;
  const rows = await leadsNear(em, lead, deviceBurstHours, 'device_id = ?', [lead.deviceId]);
  if (totalOf(rows) < deviceBurstCount) return null;
  return { code: NewCustomerRiskCode.DeviceBurst, message: `${totalOf(rows)} sign-ups came from its device within ${deviceBurstHours} hours.`, evidenceIds: rows.map((row) => row.id) };
};

const phoneBurst: Check = async (em, { lead }, { phoneBurstCount, phoneBurstHours }) => {
  const phones = phonesOf(lead);
  if (!phones.length) return null;
  const rows = await leadsNear(em, lead, phoneBurstHours, 'mobile = any(?::text[]) or landline = any(?::text[])', [pgArray(phones), pgArray(phones)]);
  if (totalOf(rows) < phoneBurstCount) return null;
  return { code: NewCustomerRiskCode.PhoneBurst, message: `Its phone number is on ${totalOf(rows)} leads entered within ${phoneBurstHours} hours.`, evidenceIds: rows.map((row) => row.id) };
};

/** Other reps' leads with one of the lead's numbers, and customers owned by other reps holding it as their mobile key. */
const phoneAcrossReps: Check = async (em, { lead }) => {
  const phones = phonesOf(lead);
  if (!phones.length) return null;
  const rows = await execute<{ id: string }>(
    em,
    `(select id from lead where (mobile = any(?::text[]) or landline = any(?::text[])) and owner_id <> ? order by created_at limit ${EVIDENCE_SHOWN})
     union all
     (select k.customer_id from customer_key_replica k join customer_owner co on co.customer_id = k.customer_id
       where k.kind = 'MOBILE' and k.value = any(?::text[]) and co.owner_id <> ? limit ${EVIDENCE_SHOWN})`,
    [pgArray(phones), pgArray(phones), lead.ownerId, pgArray(phones), lead.ownerId],
  );
  if (!rows.length) return null;
  return { code: NewCustomerRiskCode.PhoneAcrossReps, message: 'Its phone number is also on leads or customers of other reps.', evidenceIds: rows.map((row) => row.id) };
};

const convertedSoon: Check = async (_em, { lead, at }, { fastConversionMinutes }) => {
  const minutes = (at.getTime() - lead.createdAt.getTime()) / MINUTE_MS;
  if (minutes >= fastConversionMinutes) return null;
  return { code: NewCustomerRiskCode.FastConversion, message: `Converted ${Math.floor(minutes)} minutes after it was entered; under ${fastConversionMinutes} is implausible.`, evidenceIds: [lead.id] };
};

/** This conversion counted in: the owner's new customers of the hour up to it. */
const convertedManyInAnHour: Check = async (em, { lead, at }, { conversionsPerHour }) => {
  const rows = await execute<Counted>(
    em,
    `select customer_id as id, count(*) over () as total from new_customer_review where owner_id = ? and created_at > ? order by created_at desc limit ${EVIDENCE_SHOWN}`,
    [lead.ownerId, new Date(at.getTime() - HOUR_MS)],
  );
  if (totalOf(rows) + 1 <= conversionsPerHour) return null;
  return { code: NewCustomerRiskCode.FastConversion, message: `Its rep has converted more than ${conversionsPerHour} new customers within an hour.`, evidenceIds: rows.map((row) => row.id) };
};

const CHECKS: readonly Check[] = [duplicateCustomer, invalidPhone, deviceBurst, phoneBurst, phoneAcrossReps, convertedSoon, convertedManyInAnHour];

/** FUN-9: what is suspicious about a conversion's new customer, in the caller's transaction; none for a clean one. */
export async function assessConversion(em: EntityManager, conversion: Conversion, thresholds: RiskThresholds): Promise<RiskFinding[]> {
  const findings: RiskFinding[] = [];
  // One after another: they share the caller's transaction and its connection.
  for (const check of CHECKS) {
    const finding = await check(em, conversion, thresholds);
    if (finding) findings.push(finding);
  }
  return findings;
}
