import { fields, InputException, malformedStringReason, type ColumnMapping, type ResolvedMapping, type RowError, type SheetRow } from '@crm/platform';
import { z } from 'zod';
import { LeadSource } from '../../generated/graphql';
import { leadIntakeInput, type LeadIntake } from '../lead';

export const IMPORT_FIELDS = ['title', 'source', 'companyName', 'contactName', 'mobile', 'landline', 'email', 'uscc', 'divisionCode', 'notes', 'industry', 'companySize'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** What lists say in a source column besides the enum's own names. */
const SOURCE_WORDS: Record<string, LeadSource> = {
  官网咨询: LeadSource.WebInquiry,
  网站咨询: LeadSource.WebInquiry,
  爬虫: LeadSource.Crawled,
  网络抓取: LeadSource.Crawled,
  购买名单: LeadSource.PurchasedList,
  名片: LeadSource.BusinessCard,
  展会: LeadSource.Event,
  活动: LeadSource.Event,
};

const rowSchema = z.object({ title: fields.text(200).nullish(), source: z.enum(LeadSource), ...leadIntakeInput });

export interface ImportRow {
  row: number;
  cells: string[];
  title: string;
  source: LeadSource;
  intake: LeadIntake;
}

export type ParsedRow = { ok: true; row: ImportRow } | { ok: false; errors: RowError[] };

/**
 * Telesales verify a lead by calling it: a file is taken only with a phone column mapped. The rest
 * of the mapping is the platform's check against the header row.
 */
export function requirePhoneColumn(mapping: readonly ColumnMapping[]): void {
  if (!mapping.some(({ field }) => field === 'mobile' || field === 'landline')) {
    throw new InputException('mapping: map a column to mobile or landline; telesales verify each lead by calling it.', 'mapping');
  }
}

/** Checks each row by createLead's rules and reports every problem of a row, each with the column at fault and a stable code. */
export function rowParser(mapping: ResolvedMapping<ImportField>, defaultSource: LeadSource) {
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
    const source = picked.source ? (SOURCE_WORDS[picked.source] ?? picked.source.toUpperCase()) : defaultSource;
    const parsed = rowSchema.safeParse({ ...picked, source });
    for (const issue of parsed.error?.issues ?? []) fail(String(issue.path[0]) as ImportField, 'INVALID_VALUE', issue.message);
    if (!parsed.success) return { ok: false, errors };
    const { title, source: rowSource, ...intake } = parsed.data;
    const name = title ?? intake.companyName ?? intake.contactName ?? intake.mobile ?? intake.landline;
    if (!name) {
      fail(null, 'INVALID_VALUE', 'A lead needs a name or a phone number.');
      return { ok: false, errors };
    }
    return { ok: true, row: { row: sheetRow.number, cells: sheetRow.cells, title: name, source: rowSource, intake } };
  };
}
