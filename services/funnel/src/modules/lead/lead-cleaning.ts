import { visibleCustomerCondition } from '@crm/customers/replica';
import { pgArray } from '@crm/events';
import { checkLandline, checkMobile, checkUscc, fields, type Actor } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { CompanySize, LeadStatus } from '../../generated/graphql';
import { INTAKE_FIELDS, type CleaningNote } from './lead.entity';
import { visibleLeads } from './lead.loaders';

/** The intake fields as createLead and an import's rows take them; phones and USCC are checked by cleaning, not here. */
export const leadIntakeInput = {
  companyName: fields.text(200).nullish(),
  contactName: fields.text(100).nullish(),
  mobile: fields.text(40).nullish(),
  landline: fields.text(40).nullish(),
  email: z.email({ error: 'must be an e-mail address' }).max(200).nullish(),
  uscc: fields.text(40).nullish(),
  divisionCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 division code').nullish(),
  notes: fields.text(2000).nullish(),
  industry: fields.text(100).nullish(),
  companySize: z.enum(CompanySize).nullish(),
  deviceId: fields.text(200).nullish(),
};

export type LeadIntake = { [F in (typeof INTAKE_FIELDS)[number]]?: string | null };

/** FLAG keeps a lead with an invalid number and says so on it; REMOVE drops the lead (seed 003: 空号错号删除). */
export const INVALID_PHONE_HANDLING = ['FLAG', 'REMOVE'] as const;
export type InvalidPhoneHandling = (typeof INVALID_PHONE_HANDLING)[number];

export interface CleanLead {
  fields: { [F in (typeof INTAKE_FIELDS)[number]]: string | null };
  notes: CleaningNote[];
  companyMatch: string | null;
  /** Only valid, normalised numbers and codes identify a lead. */
  mobileKey: string | null;
  usccKey: string | null;
}

export type Cleaned = { ok: true; lead: CleanLead } | { ok: false; removed: CleaningNote[] };

const PHONE_CHECKS = { mobile: checkMobile, landline: checkLandline } as const;

/**
 * A company name as open leads are compared by: full-width forms, case, spaces, punctuation and
 * bracketed parts do not count, so "上海信航贸易 有限公司（总部）" matches "上海信航贸易有限公司".
 */
export const companyMatchOf = (name: string): string =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s·・,，。.、;；:："“”'‘’\-—_/\\]+/g, '');

/** The part of cleaning that needs no data: phones by libphonenumber (mainland mobile and landline), the USCC by its check character. */
export function cleanIntake(intake: LeadIntake, onInvalidPhone: InvalidPhoneHandling): Cleaned {
  const values = Object.fromEntries(INTAKE_FIELDS.map((field) => [field, intake[field]?.trim() || null])) as CleanLead['fields'];
  const notes: CleaningNote[] = [];
  for (const field of ['mobile', 'landline'] as const) {
    const checked = values[field] ? PHONE_CHECKS[field](values[field]) : null;
    if (checked?.ok) values[field] = checked.normalized;
    else if (checked) notes.push({ code: 'INVALID_PHONE', field, message: `${checked.message} (${checked.rule})` });
  }
  if (notes.length && onInvalidPhone === 'REMOVE') return { ok: false, removed: notes };
  const mobileOk = values.mobile !== null && !notes.some((note) => note.field === 'mobile');
  const uscc = values.uscc ? checkUscc(values.uscc) : null;
  if (uscc?.ok) values.uscc = uscc.normalized;
  else if (uscc) notes.push({ code: 'INVALID_USCC', field: 'uscc', message: `${uscc.message} (${uscc.rule})` });
  return {
    ok: true,
    lead: {
      fields: values,
      notes,
      companyMatch: values.companyName ? companyMatchOf(values.companyName) || null : null,
      mobileKey: mobileOk ? values.mobile : null,
      usccKey: uscc?.ok ? uscc.normalized : null,
    },
  };
}

/** What makes two rows of one file the same lead. */
export const identitiesOf = (lead: CleanLead): string[] =>
  [lead.mobileKey && `mobile:${lead.mobileKey}`, lead.usccKey && `uscc:${lead.usccKey}`, lead.companyMatch && `company:${lead.companyMatch}`].filter((id): id is string => Boolean(id));

interface CustomerMatch {
  customerId: string;
  kind: 'MOBILE' | 'USCC';
  visible: boolean;
}

interface OpenLeadMatch {
  leadId: string;
  by: 'mobile' | 'companyName';
  visible: boolean;
}

export interface Matches {
  customerOf(lead: CleanLead): CustomerMatch | undefined;
  openLeadOf(lead: CleanLead): OpenLeadMatch | undefined;
}

const execute = <T>(em: EntityManager, sql: string, params: unknown[]) => em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<T[]>;

/** Customers (from the replica of their keys) and open leads that a batch of leads repeats, in two statements. */
export async function findMatches(em: EntityManager, actor: Actor, leads: readonly CleanLead[]): Promise<Matches> {
  const keys = leads.flatMap((lead) => [...(lead.mobileKey ? [['MOBILE', lead.mobileKey]] : []), ...(lead.usccKey ? [['USCC', lead.usccKey]] : [])]);
  const customers = visibleCustomerCondition(actor, 'customer_id');
  const held = keys.length
    ? await execute<{ kind: 'MOBILE' | 'USCC'; value: string; customer_id: string; visible: boolean }>(
        em,
        `select kind, value, customer_id, (${customers.sql}) as visible from customer_key_replica
          where (kind, value) in (select * from unnest(?::text[], ?::text[]))`,
        [...customers.params, pgArray(keys.map((key) => key[0]!)), pgArray(keys.map((key) => key[1]!))],
      )
    : [];
  const holderOf = new Map(held.map((row) => [`${row.kind}:${row.value}`, { customerId: row.customer_id, kind: row.kind, visible: row.visible }]));

  const mobiles = leads.flatMap((lead) => (lead.mobileKey ? [lead.mobileKey] : []));
  const companies = leads.flatMap((lead) => (lead.companyMatch ? [lead.companyMatch] : []));
  const leadsSeen = visibleLeads(actor);
  const open =
    mobiles.length || companies.length
      ? await execute<{ id: string; mobile: string | null; company_match: string | null; visible: boolean }>(
          em,
          `select id, mobile, company_match, (${leadsSeen.sql}) as visible from lead
            where status in ('${LeadStatus.New}', '${LeadStatus.Verified}') and (mobile = any(?::text[]) or company_match = any(?::text[]))
            order by created_at, id`,
          [...leadsSeen.params, pgArray(mobiles), pgArray(companies)],
        )
      : [];
  const oldest = <K>(key: (row: (typeof open)[number]) => K) => new Map([...open].reverse().map((row) => [key(row), row]));
  const byMobile = oldest((row) => row.mobile);
  const byCompany = oldest((row) => row.company_match);

  return {
    customerOf: (lead) => holderOf.get(`MOBILE:${lead.mobileKey}`) ?? holderOf.get(`USCC:${lead.usccKey}`),
    openLeadOf: (lead) => {
      const mobile = lead.mobileKey ? byMobile.get(lead.mobileKey) : undefined;
      const company = lead.companyMatch ? byCompany.get(lead.companyMatch) : undefined;
      if (mobile) return { leadId: mobile.id, by: 'mobile', visible: mobile.visible };
      return company && { leadId: company.id, by: 'companyName', visible: company.visible };
    },
  };
}

export interface Verdict {
  status: LeadStatus;
  customerId: string | null;
  duplicateOfId: string | null;
  /** Why the lead is not a new one, as it is reported and noted on the lead. */
  finding: CleaningNote | null;
}

const NEW_LEAD: Verdict = { status: LeadStatus.New, customerId: null, duplicateOfId: null, finding: null };

/**
 * Seed 003's rule after the phones: a lead that is already a customer (same mobile or USCC) is not
 * worked as a new lead but kept linked to that customer; one that repeats an open lead (same mobile,
 * same company) is kept linked to it as a duplicate. Someone who cannot see the record is told
 * that it exists, not which it is.
 */
export function judge(lead: CleanLead, matches: Matches): Verdict {
  const customer = matches.customerOf(lead);
  if (customer) {
    const which = customer.visible ? `Customer ${customer.customerId}` : 'A customer you do not handle';
    const field = customer.kind === 'MOBILE' ? 'mobile' : 'uscc';
    const message = `${which} already has this ${customer.kind === 'MOBILE' ? 'mobile number' : 'unified social credit code'}; the lead is linked to it, not worked as a new one.`;
    return { status: LeadStatus.MatchedCustomer, customerId: customer.customerId, duplicateOfId: null, finding: { code: 'MATCHES_CUSTOMER', field, message } };
  }
  const open = matches.openLeadOf(lead);
  if (open) {
    const which = open.visible ? `Open lead ${open.leadId}` : 'An open lead of someone else';
    const same = open.by === 'mobile' ? 'mobile number' : 'company name';
    return { status: LeadStatus.Duplicate, customerId: null, duplicateOfId: open.leadId, finding: { code: 'MATCHES_OPEN_LEAD', field: open.by, message: `${which} has the same ${same}; this one is linked to it as a duplicate.` } };
  }
  return NEW_LEAD;
}
