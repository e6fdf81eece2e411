import { leadingPlace, type Division } from '@crm/identity/replica';
import { pinyin } from 'pinyin-pro';

/** Legal forms and group words a company name ends with, longest first so 股份有限公司 goes before 有限公司. */
const LEGAL_FORMS = ['股份有限公司', '有限责任公司', '集团有限公司', '集团股份有限公司', '有限公司', '股份公司', '分公司', '集团', '公司', '总公司', '总部', 'co.,ltd.', 'co.,ltd', 'co.ltd', 'ltd.', 'ltd', 'inc.', 'inc', 'corp.', 'corp']
  .sort((a, b) => b.length - a.length);

/** Full-width letters, digits and brackets as their ASCII forms, lower case, no spaces or punctuation but brackets. */
function canonical(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·・,，。.、;；:："“”'‘’\-—_/\\]+/g, '');
}

function stripLeadingPlaces(text: string): string {
  let rest = text;
  let after: Division | null = null;
  for (;;) {
    const place = leadingPlace(rest, after);
    if (!place) return rest;
    rest = rest.slice(place.length);
    after = place.division;
  }
}

function stripLegalForms(text: string): string {
  let rest = text;
  for (;;) {
    const form = LEGAL_FORMS.find((suffix) => rest.endsWith(suffix) && rest.length > suffix.length);
    if (!form) return rest;
    rest = rest.slice(0, -form.length);
  }
}

/**
 * What is left of a company name once the parts every company has are gone: bracketed places
 * ("（上海）", "(中国)"), leading places ("上海", "广东省深圳市") and legal forms ("有限公司", "集团").
 * "上海信航贸易有限公司" and "信航贸易（上海）有限公司" both become "信航贸易" (CUS-3).
 */
export function companyMatchText(name: string): string {
  const unbracketed = canonical(name).replace(/[(（[【][^)）\]】]*[)）\]】]/g, '');
  const core = stripLegalForms(stripLeadingPlaces(stripLegalForms(unbracketed)));
  return core || canonical(name);
}

/** A person's name as written, without spaces or punctuation. */
export const personMatchText = (name: string): string => canonical(name);

/** An address without the province, city and district it starts with: "上海市徐汇区漕溪北路88号" → "漕溪北路88号". */
export function addressMatchText(address: string): string {
  const text = canonical(address).replace(/[(（[【][^)）\]】]*[)）\]】]/g, '');
  return stripLeadingPlaces(text) || text;
}

/** The first letters of a name's pinyin, polyphones read in context (重庆 → cq): what reps type to find 信航贸易 as xhmy. */
export const nameInitialsOf = (name: string): string =>
  pinyin(canonical(name), { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase();

/** A customer's match columns from its kind, name and address. */
export function matchTextOf(customer: { kind: string; name: string; address?: string | null }): { matchName: string; matchAddress: string | null; nameInitials: string } {
  return {
    nameInitials: nameInitialsOf(customer.name),
    matchName: customer.kind === 'COMPANY' ? companyMatchText(customer.name) : personMatchText(customer.name),
    matchAddress: customer.address ? addressMatchText(customer.address) : null,
  };
}
