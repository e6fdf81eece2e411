import { DomainException, malformedStringReason, shanghaiDate, type ResolvedMapping, type RowError, type SheetRow } from '@crm/platform';
import { z } from 'zod';
import { CustomerKind, IdentityKeyKind } from '../../generated/graphql';
import { contactFields } from '../contact';
import { newCustomerInput, parseDivision, parseIdentityKeys, type NewCustomer } from '../customer';

const KEY_FIELDS = {
  uscc: IdentityKeyKind.Uscc,
  businessLicence: IdentityKeyKind.BusinessLicence,
  taxNumber: IdentityKeyKind.TaxNumber,
  mobile: IdentityKeyKind.Mobile,
  residentId: IdentityKeyKind.ResidentId,
} as const;
const CONTACT_FIELDS = { contactName: 'name', contactTitle: 'title', contactMobile: 'mobile', contactEmail: 'email', contactWechatId: 'wechatId' } as const;
const RECORD_FIELDS = ['name', 'kind', 'city', 'divisionCode', 'address', 'industry', 'source', 'tags'] as const;

export const IMPORT_FIELDS = [...RECORD_FIELDS, ...(Object.keys(KEY_FIELDS) as (keyof typeof KEY_FIELDS)[]), ...(Object.keys(CONTACT_FIELDS) as (keyof typeof CONTACT_FIELDS)[])];
export type ImportField = (typeof IMPORT_FIELDS)[number];
type KeyField = keyof typeof KEY_FIELDS;
type ContactField = keyof typeof CONTACT_FIELDS;

/** What people write in a kind column besides the enum's own names. */
const KIND_WORDS: Record<string, CustomerKind> = { 企业: CustomerKind.Company, 公司: CustomerKind.Company, 单位: CustomerKind.Company, 个人: CustomerKind.Individual };
const INDIVIDUAL_KEYS: readonly KeyField[] = ['mobile', 'residentId'];
const TAG_SEPARATORS = /[,，;；、|]/;

export interface ImportContact {
  name: string;
  title?: string | null;
  mobile?: string | null;
  email?: string | null;
  wechatId?: string | null;
}

export interface ImportRow {
  row: number;
  cells: string[];
  customer: NewCustomer;
  keys: { kind: IdentityKeyKind; value: string }[];
  contact: ImportContact | null;
}

export type ParsedRow = { ok: true; row: ImportRow } | { ok: false; errors: RowError[] };

type Picked = Partial<Record<ImportField, string>>;

/** A kind column wins; without one, a row with only a person's keys is a person. */
function kindOf(picked: Picked): string {
  if (picked.kind) return KIND_WORDS[picked.kind] ?? picked.kind.toUpperCase();
  const keyFields = (Object.keys(KEY_FIELDS) as KeyField[]).filter((field) => picked[field]);
  return keyFields.length && keyFields.every((field) => INDIVIDUAL_KEYS.includes(field)) ? CustomerKind.Individual : CustomerKind.Company;
}

const keyFieldsOf = (picked: Picked) => (Object.keys(KEY_FIELDS) as KeyField[]).filter((field) => picked[field]);

/**
 * Checks each row by the rules createCustomer and addContact apply (text limits, kinds, division
 * codes, each identity key's rule) and reports every problem of a row, each with the column at
 * fault and a stable code.
 */
export function rowParser(mapping: ResolvedMapping<ImportField>, today: Date) {
  const contactRules = contactFields(shanghaiDate(today));
  const contactSchema = z.object({ name: contactRules.name, title: contactRules.title, mobile: contactRules.mobile, email: contactRules.email, wechatId: contactRules.wechatId });
  const contactFieldOf = Object.fromEntries(Object.entries(CONTACT_FIELDS).map(([field, name]) => [name, field])) as Record<string, ContactField>;

  return (sheetRow: SheetRow): ParsedRow => {
    const errors: RowError[] = [];
    const fail = (field: ImportField | null, code: string, message: string) =>
      errors.push({ row: sheetRow.number, column: field && mapping.columnOf(field), code, message, values: sheetRow.cells });
    const picked = mapping.pick(sheetRow.cells);
    for (const field of mapping.fields) {
      const reason = picked[field] && malformedStringReason(picked[field]);
      if (reason) fail(field, 'MALFORMED_STRING', `The value ${reason}.`);
    }
    if (errors.length) return { ok: false, errors };

    const keyFields = keyFieldsOf(picked);
    const record = newCustomerInput.safeParse({
      name: picked.name ?? '',
      kind: kindOf(picked),
      city: picked.city,
      divisionCode: picked.divisionCode,
      address: picked.address,
      industry: picked.industry,
      source: picked.source?.toUpperCase(),
      tags: picked.tags?.split(TAG_SEPARATORS).map((tag) => tag.trim()).filter(Boolean),
      identityKeys: keyFields.map((field) => ({ kind: KEY_FIELDS[field], value: picked[field] })),
    });
    for (const issue of record.error?.issues ?? []) {
      const [top, index] = issue.path as [string, number | undefined];
      const field = (top === 'identityKeys' ? keyFields[index ?? 0] : top) as ImportField;
      fail(field, 'INVALID_VALUE', issue.message);
    }

    const hasContact = (Object.keys(CONTACT_FIELDS) as ContactField[]).some((field) => picked[field]);
    const contact = hasContact
      ? contactSchema.safeParse(Object.fromEntries(Object.entries(CONTACT_FIELDS).map(([field, name]) => [name, picked[field as ContactField] ?? (name === 'name' ? '' : undefined)])))
      : null;
    for (const issue of contact?.error?.issues ?? []) fail(contactFieldOf[String(issue.path[0])] ?? null, 'INVALID_VALUE', issue.message);
    if (!record.success) return { ok: false, errors };

    const data = record.data;
    let divisionCode: string | null = null;
    try {
      divisionCode = parseDivision(data.divisionCode)?.code ?? null;
    } catch (error) {
      fail('divisionCode', 'UNKNOWN_DIVISION', (error as Error).message.replace(/^divisionCode: /, ''));
    }
    const keys: ImportRow['keys'] = [];
    keyFields.forEach((field, i) => {
      try {
        keys.push(...parseIdentityKeys(data.kind, [data.identityKeys![i]!], today));
      } catch (error) {
        const rule = error instanceof DomainException ? (error.extensions.rule as string | undefined) : undefined;
        fail(field, rule ?? 'KEY_NOT_FOR_KIND', (error as Error).message.replace(/^identityKeys\.0: /, ''));
      }
    });
    if (errors.length) return { ok: false, errors };
    return {
      ok: true,
      row: { row: sheetRow.number, cells: sheetRow.cells, customer: { ...data, divisionCode, point: null }, keys, contact: contact?.data ?? null },
    };
  };
}
