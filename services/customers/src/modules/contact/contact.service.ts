import { createScope, fields, parseId, parseInput, requireActor, shanghaiDate, type Scope } from '@crm/platform';
import type { EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { DecisionRole } from '../../generated/graphql';
import { checkMobile, CustomerNotFoundException, type Customer } from '../customer';
import { Contact, CONTACT_FIELDS, type ContactField } from './contact.entity';
import { ContactNotFoundException } from './contact.exception';

type FindVisible = (customerId: string) => Promise<Customer | null>;

const refuse = (ctx: z.RefinementCtx, message: string): never => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

/** An optional text field: surrounding spaces go, a blank one is null (cleared), anything else passes `check`. */
const optional = (check: (value: string, ctx: z.RefinementCtx) => string) =>
  z
    .string()
    .transform((raw, ctx) => {
      const value = raw.trim();
      return value === '' ? null : check(value, ctx);
    })
    .nullish();

const maxLength = (max: number) => (value: string, ctx: z.RefinementCtx) => (value.length > max ? refuse(ctx, `must be at most ${max} characters`) : value);

/** Digits, spaces, dashes, parentheses and a plus, then optionally an extension: "021-6123 4567 转 801". */
const LANDLINE = /^[\d ()+-]*\d[\d ()+-]*(?:转 ?\d{1,6})?$/;
const WECHAT_ID = /^[A-Za-z][A-Za-z0-9_-]{5,19}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EARLIEST_BIRTHDAY = '1900-01-01';

function isCalendarDate(value: string): boolean {
  const [, year, month, day] = DATE.exec(value)!.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The rules of a contact's fields; `today` is the Shanghai calendar day by the scope's clock. */
export function contactFields(today: string) {
  return {
    name: fields.text(100),
    title: optional(maxLength(100)),
    mobile: optional((value, ctx) => {
      const checked = checkMobile(value);
      return checked.ok ? checked.normalized : refuse(ctx, checked.message);
    }),
    landline: optional((value, ctx) => {
      // Typed on Chinese keyboards too: full-width digits, parentheses and spaces count as their ASCII forms.
      const landline = value.normalize('NFKC').replace(/\s+/g, ' ');
      if (landline.length > 30) return refuse(ctx, 'must be at most 30 characters');
      return LANDLINE.test(landline) ? landline : refuse(ctx, 'a landline is digits, spaces, dashes, parentheses and +, optionally then 转 and an extension, e.g. 021-6123 4567 转 801');
    }),
    email: optional((value, ctx) => {
      if (value.length > 254) return refuse(ctx, 'must be at most 254 characters');
      return z.email().safeParse(value).success ? value : refuse(ctx, 'must be an e-mail address, e.g. wang.fang@example.com');
    }),
    wechatId: optional((value, ctx) => (WECHAT_ID.test(value) ? value : refuse(ctx, 'a WeChat id is 6 to 20 letters, digits, _ or -, starting with a letter'))),
    birthday: optional((value, ctx) => {
      if (!DATE.test(value) || !isCalendarDate(value)) return refuse(ctx, 'must be a calendar date as YYYY-MM-DD, e.g. 1985-04-12');
      if (value < EARLIEST_BIRTHDAY) return refuse(ctx, `${value} is before ${EARLIEST_BIRTHDAY}`);
      return value > today ? refuse(ctx, `${value} is in the future (today is ${today})`) : value;
    }),
    decisionRole: z.enum(DecisionRole).nullish(),
  };
}

const addContactInput = (today: string) =>
  z.object({ customerId: fields.id('customerId'), ...contactFields(today), primary: z.boolean().nullish() });

const updateContactInput = (today: string) => {
  const { name, ...rest } = contactFields(today);
  return z.object({ id: fields.id('id'), name: name.optional(), ...rest, primary: z.boolean().optional() });
};

type ContactValues = Pick<Contact, ContactField>;

const valuesOf = (contact: Contact, which: readonly ContactField[] = CONTACT_FIELDS): Partial<ContactValues> =>
  Object.fromEntries(which.map((field) => [field, contact[field]]));

/**
 * Makes room for a new primary contact of a customer: the current one (other than `keepId`) stops
 * being primary. The customer's row is locked first, so two concurrent writes cannot both leave a
 * primary contact; returns the id of the one that stopped being primary, if any.
 */
async function takePrimary(em: EntityManager, customerId: string, keepId: string | null, now: Date): Promise<string | null> {
  const run = <T>(sql: string, params: unknown[]) => em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
  await run('select id from customer where id = ? for update', [customerId]);
  const unset = await run<{ id: string }>('update contact set is_primary = false, updated_at = ? where customer_id = ? and is_primary and id is distinct from ? returning id', [
    now,
    customerId,
    keepId,
  ]);
  return unset[0]?.id ?? null;
}

/**
 * CUS-1: adds a contact to a customer the actor may see (anyone who sees a customer may keep its
 * contacts, ORG-2). A primary contact replaces the customer's previous primary one, in the same
 * transaction as the audit entry.
 */
export async function addContact(scope: Scope, findVisible: FindVisible, input: unknown): Promise<Contact> {
  const actor = requireActor(scope.actor);
  const now = scope.clock.now();
  const data = parseInput(addContactInput(shanghaiDate(now)), input);
  const customer = await findVisible(data.customerId);
  if (!customer) throw new CustomerNotFoundException(data.customerId);
  return scope.em.transactional(async (tx) => {
    const txScope = createScope({ ...scope, em: tx });
    const primary = data.primary ?? false;
    const previousPrimaryId = primary ? await takePrimary(tx, customer.id, null, now) : null;
    const contact = tx.create(Contact, {
      customerId: customer.id,
      name: data.name,
      title: data.title ?? null,
      mobile: data.mobile ?? null,
      landline: data.landline ?? null,
      email: data.email ?? null,
      wechatId: data.wechatId ?? null,
      birthday: data.birthday ?? null,
      decisionRole: data.decisionRole ?? null,
      primary,
      createdById: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    txScope.audit({
      subjectType: 'Customer',
      subjectId: customer.id,
      action: 'customer.contact_added',
      after: { contactId: contact.id, ...valuesOf(contact), ...(previousPrimaryId ? { previousPrimaryContactId: previousPrimaryId } : {}) },
    });
    await tx.flush();
    return contact;
  });
}

/** A contact the actor may see: one of a customer they see; any other is NOT_FOUND, like one that does not exist. */
async function findContact(em: EntityManager, findVisible: FindVisible, id: string): Promise<Contact> {
  const contact = await em.findOne(Contact, { id });
  if (!contact || !(await findVisible(contact.customerId))) throw new ContactNotFoundException(id);
  return contact;
}

/** CUS-1: changes the fields given (a null clears an optional one); the audit entry shows only what changed. */
export async function updateContact(scope: Scope, findVisible: FindVisible, input: unknown): Promise<Contact> {
  requireActor(scope.actor);
  const now = scope.clock.now();
  const data = parseInput(updateContactInput(shanghaiDate(now)), input);
  const given = input as Record<string, unknown>;
  return scope.em.transactional(async (tx) => {
    const txScope = createScope({ ...scope, em: tx });
    const contact = await findContact(tx, findVisible, data.id);
    const next = Object.fromEntries(CONTACT_FIELDS.filter((field) => given[field] !== undefined).map((field) => [field, data[field] ?? null])) as Partial<ContactValues>;
    const changed = CONTACT_FIELDS.filter((field) => field in next && next[field] !== contact[field]);
    if (!changed.length) return contact;
    const before = valuesOf(contact, changed);
    const previousPrimaryId = next.primary === true && !contact.primary ? await takePrimary(tx, contact.customerId, contact.id, now) : null;
    Object.assign(contact, Object.fromEntries(changed.map((field) => [field, next[field]])), { updatedAt: now });
    txScope.audit({
      subjectType: 'Customer',
      subjectId: contact.customerId,
      action: 'customer.contact_updated',
      before: { contactId: contact.id, ...before },
      after: { contactId: contact.id, ...valuesOf(contact, changed), ...(previousPrimaryId ? { previousPrimaryContactId: previousPrimaryId } : {}) },
    });
    await tx.flush();
    return contact;
  });
}

/** CUS-1: removes a contact of a customer the actor may see; the audit entry keeps what it was. */
export async function removeContact(scope: Scope, findVisible: FindVisible, rawId: string): Promise<boolean> {
  requireActor(scope.actor);
  const id = parseId(rawId);
  await scope.em.transactional(async (tx) => {
    const txScope = createScope({ ...scope, em: tx });
    const contact = await findContact(tx, findVisible, id);
    txScope.audit({ subjectType: 'Customer', subjectId: contact.customerId, action: 'customer.contact_removed', before: { contactId: contact.id, ...valuesOf(contact) } });
    tx.remove(contact);
    await tx.flush();
  });
  return true;
}
