import { shanghaiDate } from '../time';
// The default bundle's "min" metadata cannot tell a mobile from a landline; "max" can.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Declared once so a GraphQL enum and the dispatcher below share the same list. */
export const IDENTITY_KEY_KINDS = ['MOBILE', 'RESIDENT_ID', 'USCC', 'BUSINESS_LICENCE', 'TAX_NUMBER'] as const;
export type KeyKind = (typeof IDENTITY_KEY_KINDS)[number];

/** Stable codes API clients branch on; a message may be reworded, a code may not. */
export const KEY_RULES = [
  'MOBILE_FORMAT',
  'MOBILE_NOT_MOBILE',
  'RESIDENT_ID_FORMAT',
  'RESIDENT_ID_REGION',
  'RESIDENT_ID_BIRTH_DATE',
  'RESIDENT_ID_CHECK_DIGIT',
  'USCC_FORMAT',
  'USCC_CHECK_DIGIT',
  'BUSINESS_LICENCE_FORMAT',
  'BUSINESS_LICENCE_CHECK_DIGIT',
  'TAX_NUMBER_FORMAT',
  'TAX_NUMBER_CHECK_DIGIT',
] as const;
export type KeyRule = (typeof KEY_RULES)[number];

export type KeyCheck = { ok: true; normalized: string } | { ok: false; rule: KeyRule; message: string };

const valid = (normalized: string): KeyCheck => ({ ok: true, normalized });
const invalid = (rule: KeyRule, message: string): KeyCheck => ({ ok: false, rule, message });

/** Keys are typed on Chinese keyboards too: full-width digits and letters (１２３, ＡＢ) count as their ASCII forms. */
const compact = (raw: string): string => raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

const checkDigitMessage = (what: string, expected: string, actual: string, standard: string): string =>
  `The ${what}'s check character should be '${expected}', not '${actual}' (${standard}).`;

/** People write their number as +86 138-0013-8000, 0086 13800138000, (86) 138 0013 8000 … */
const MOBILE_INPUT = /^(?:\+86|0086|86)?(\d{11})$/;

export function checkMobile(raw: string): KeyCheck {
  const national = MOBILE_INPUT.exec(compact(raw).replace(/[-()]/g, ''))?.[1];
  if (!national) {
    return invalid('MOBILE_FORMAT', 'A mobile number is 11 digits, optionally after +86, e.g. 138 0013 8000 or +86 138 0013 8000.');
  }
  // Parsing as a national number lets libphonenumber drop a landline's trunk 0 and classify it as FIXED_LINE.
  const phone = parsePhoneNumberFromString(national, 'CN');
  if (!phone?.isValid() || phone.getType() !== 'MOBILE') {
    return invalid('MOBILE_NOT_MOBILE', `${national} is not a mainland China mobile number (a landline or unassigned range); give a mobile, e.g. 138 0013 8000.`);
  }
  return valid(phone.nationalNumber);
}

/** A landline's rules are no identity key's (a switchboard is shared), so its codes are kept apart from KEY_RULES. */
export const PHONE_RULES = ['LANDLINE_FORMAT', 'LANDLINE_NOT_LANDLINE'] as const;
export type PhoneRule = (typeof PHONE_RULES)[number];
export type PhoneCheck = { ok: true; normalized: string } | { ok: false; rule: PhoneRule; message: string };

/** 021-6123 4567, (0755) 1234 5678, +86 21 6123 4567: an area code with its trunk 0, or +86 without it. */
const LANDLINE_INPUT = /^(?:(?:\+86|0086)(\d{9,11})|(0\d{9,11}))$/;

/** Normalised to the trunk 0, area code and number as dialled inside China: 02161234567. */
export function checkLandline(raw: string): PhoneCheck {
  const match = LANDLINE_INPUT.exec(compact(raw).replace(/[-()]/g, ''));
  const national = match?.[1] ?? match?.[2]?.slice(1);
  if (!national) {
    return { ok: false, rule: 'LANDLINE_FORMAT', message: 'A landline is its area code with the leading 0 and the number, e.g. 021-6123 4567 or 0755-1234 5678.' };
  }
  const phone = parsePhoneNumberFromString(national, 'CN');
  if (!phone?.isValid() || phone.getType() !== 'FIXED_LINE') {
    return { ok: false, rule: 'LANDLINE_NOT_LANDLINE', message: `0${national} is not a mainland China landline (a mobile, a service number or an unassigned range).` };
  }
  return { ok: true, normalized: `0${phone.nationalNumber}` };
}

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECKS = '10X98765432';
const EARLIEST_BIRTH_DATE = '19000101';

/** ISO 7064 MOD 11-2 over the first 17 digits. */
function residentIdCheckDigit(body: string): string {
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * RESIDENT_ID_WEIGHTS[i]!, 0);
  return RESIDENT_ID_CHECKS[sum % 11]!;
}

/** A YYYYMMDD that survives a round trip through the calendar exists: 19990231 does not. */
function isCalendarDate(yyyymmdd: string): boolean {
  const [year, month, day] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const dashed = (yyyymmdd: string): string => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

function birthDateProblem(birth: string, today: Date): string | null {
  if (birth < EARLIEST_BIRTH_DATE) return `${dashed(birth)} is before 1900-01-01`;
  if (!isCalendarDate(birth)) return `${dashed(birth)} is not a calendar date`;
  // A child born in Shanghai before 08:00 has a birth date that UTC still calls tomorrow.
  const todayInShanghai = shanghaiDate(today);
  if (dashed(birth) > todayInShanghai) return `${dashed(birth)} is after today (${todayInShanghai})`;
  return null;
}

/** Region and birth date come before the check digit so the message names the part that is really wrong. */
export function checkResidentId(raw: string, today: Date): KeyCheck {
  const id = compact(raw);
  if (!/^\d{17}[\dX]$/.test(id)) {
    return invalid('RESIDENT_ID_FORMAT', 'A resident identity card number is 18 characters: 17 digits and a last digit or X, e.g. 11010519491231002X (GB 11643-1999).');
  }
  if (id.startsWith('0')) {
    return invalid('RESIDENT_ID_REGION', `A resident ID starts with a 6-digit region code that does not begin with 0, not ${id.slice(0, 6)} (GB 11643-1999).`);
  }
  const birthProblem = birthDateProblem(id.slice(6, 14), today);
  if (birthProblem) {
    return invalid('RESIDENT_ID_BIRTH_DATE', `Characters 7–14 of a resident ID are the birth date as YYYYMMDD, between 1900-01-01 and today; ${birthProblem} (GB 11643-1999).`);
  }
  const expected = residentIdCheckDigit(id.slice(0, 17));
  if (id[17] !== expected) {
    return invalid('RESIDENT_ID_CHECK_DIGIT', checkDigitMessage('resident ID', expected, id[17]!, 'GB 11643-1999, ISO 7064 MOD 11-2'));
  }
  return valid(id);
}

/** The birth date a valid resident ID carries, as YYYY-MM-DD. */
export function birthDateOf(residentId: string): string {
  return dashed(compact(residentId).slice(6, 14));
}

/** I, O, Z, S and V are left out so they cannot be misread as 1, 0, 2, 5 and U. */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function usccCheckCharacter(body: string): string {
  const sum = [...body].reduce((total, char, i) => total + USCC_ALPHABET.indexOf(char) * USCC_WEIGHTS[i]!, 0);
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

function usccFormatProblem(code: string): string | null {
  if (code.length !== 18) return `it has ${code.length}`;
  const stranger = [...code].find((char) => !USCC_ALPHABET.includes(char));
  if (stranger) return `'${stranger}' is not one of them (no I, O, Z, S or V)`;
  if (!/^\d{6}$/.test(code.slice(2, 8))) return `characters 3–8 are the region code and must be digits, not ${code.slice(2, 8)}`;
  return null;
}

export function checkUscc(raw: string): KeyCheck {
  const code = compact(raw);
  const problem = usccFormatProblem(code);
  if (problem) {
    return invalid('USCC_FORMAT', `A unified social credit code is 18 characters of 0-9 and A-Y, e.g. 91350100M000100Y43; ${problem} (GB 32100-2015).`);
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    return invalid('USCC_CHECK_DIGIT', checkDigitMessage('unified social credit code', expected, code[17]!, 'GB 32100-2015'));
  }
  return valid(code);
}

/** ISO 7064 MOD 11,10: the digit that leaves the running product at 1 once it is added. */
function businessLicenceCheckDigit(body: string): string {
  const product = [...body].reduce((p, digit) => (2 * ((p + Number(digit)) % 10 || 10)) % 11, 10);
  return String((11 - product) % 10);
}

export function checkBusinessLicence(raw: string): KeyCheck {
  const number = compact(raw);
  if (!/^\d{15}$/.test(number)) {
    return invalid('BUSINESS_LICENCE_FORMAT', 'A business registration number is 15 digits, e.g. 110108002734659; newer companies have an 18-character unified social credit code instead.');
  }
  const expected = businessLicenceCheckDigit(number.slice(0, 14));
  if (number[14] !== expected) {
    return invalid('BUSINESS_LICENCE_CHECK_DIGIT', checkDigitMessage('business registration number', expected, number[14]!, 'ISO 7064 MOD 11,10'));
  }
  return valid(number);
}

const ORGANISATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714-1997: letters weigh A=10 … Z=35, which is exactly their base-36 value. */
function organisationCodeCheckCharacter(body: string): string {
  const sum = [...body].reduce((total, char, i) => total + parseInt(char, 36) * ORGANISATION_CODE_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : String(check % 11);
}

/** The 15-character form: a 6-digit region code followed by the organisation code. */
function checkRegionAndOrganisationCode(number: string): KeyCheck {
  const expected = organisationCodeCheckCharacter(number.slice(6, 14));
  if (number[14] !== expected) {
    return invalid('TAX_NUMBER_CHECK_DIGIT', checkDigitMessage('tax registration number', expected, number[14]!, 'organisation code, GB 11714-1997'));
  }
  return valid(number);
}

/** A sole trader's tax number is their resident ID and a 2-digit sequence. */
function checkResidentIdAndSequence(number: string, today: Date): KeyCheck {
  const id = checkResidentId(number.slice(0, 18), today);
  return id.ok ? valid(number) : invalid(id.rule, `A 20-character tax number is a resident ID and 2 digits. ${id.message}`);
}

/**
 * The rule of the form the number embeds is reported as is (a USCC_CHECK_DIGIT rather than a
 * TAX_NUMBER_CHECK_DIGIT), so the message can say exactly which part is wrong.
 */
export function checkTaxNumber(raw: string, today: Date): KeyCheck {
  const number = compact(raw);
  if (/^\d{6}[\dA-Z]{8}[\dX]$/.test(number)) return checkRegionAndOrganisationCode(number);
  if (number.length === 18) {
    const uscc = checkUscc(number);
    return uscc.ok ? uscc : invalid(uscc.rule, `An 18-character tax number is a unified social credit code. ${uscc.message}`);
  }
  if (/^\d{17}[\dX]\d{2}$/.test(number)) return checkResidentIdAndSequence(number, today);
  return invalid(
    'TAX_NUMBER_FORMAT',
    'A tax registration number is 15 characters (6-digit region code and 9-character organisation code, e.g. 350100M000100Y4), an 18-character unified social credit code, or a resident ID followed by 2 digits.',
  );
}

const CHECKS: Record<KeyKind, (raw: string, today: Date) => KeyCheck> = {
  MOBILE: checkMobile,
  RESIDENT_ID: checkResidentId,
  USCC: checkUscc,
  BUSINESS_LICENCE: checkBusinessLicence,
  TAX_NUMBER: checkTaxNumber,
};

/** `today` is the injectable clock's now; only keys that carry a birth date look at it. */
export function checkIdentityKey(kind: KeyKind, raw: string, today: Date): KeyCheck {
  return CHECKS[kind](raw, today);
}
