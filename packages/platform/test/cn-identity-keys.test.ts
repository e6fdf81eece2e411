import {
  birthDateOf,
  checkBusinessLicence,
  checkIdentityKey,
  checkLandline,
  checkMobile,
  checkResidentId,
  checkTaxNumber,
  checkUscc,
  IDENTITY_KEY_KINDS,
  KEY_RULES,
  PHONE_RULES,
  type KeyCheck,
  type KeyKind,
  type KeyRule,
} from '../src';

/**
 * CUS-2's identity keys. Valid samples are published ones checked by hand below, or built with
 * check characters computed here from the standards' own definitions of the weights (powers of
 * 2 mod 11, powers of 3 mod 31) rather than the implementation's weight tables.
 */
const today = new Date('2026-11-25T02:00:00Z'); // 10:00 in Shanghai

/** GB 11714's example; 13·3+2·7+1·9+4·10+3·5+5·8+6·4+9·2 = 199 ≡ 1 (mod 11), 11 − 1 = 10 → X. */
const ORGANISATION_CODE = 'D2143569X';
/** GB 11643's examples: 11010519491231002X sums to 167 ≡ 2 → X; 440524188001010014 sums to 195 ≡ 8 → 4. */
const RESIDENT_ID = '11010519491231002X';
const OLD_RESIDENT_ID = '440524188001010014';
/** Weighted sum 1640 ≡ 28 (mod 31), 31 − 28 = 3; its organisation code M000100Y4 checks too (139 ≡ 7 → 4). */
const USCC = '91350100M000100Y43';
/** By hand: the MOD 11,10 product after 11010800273465 is 2, and (2 + 9) mod 10 = 1. */
const BUSINESS_LICENCE = '110108002734659';

/** W_i = 2^(17−i) mod 11 (GB 11643), check = (12 − Σ mod 11) mod 11, 10 written X. */
function residentIdWithCheck(body17: string): string {
  const sum = [...body17].reduce((total, digit, i) => total + Number(digit) * (2 ** (17 - i) % 11), 0);
  const check = (12 - (sum % 11)) % 11;
  return body17 + (check === 10 ? 'X' : String(check));
}

/** W_i = 3^i mod 31 (GB 32100-2015) over the code's 31-character alphabet. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function usccWithCheck(body17: string): string {
  let weight = 1;
  let sum = 0;
  for (const char of body17) {
    sum += USCC_CHARS.indexOf(char) * weight;
    weight = (weight * 3) % 31;
  }
  return body17 + USCC_CHARS[(31 - (sum % 31)) % 31];
}

const failure = (check: KeyCheck) => (check.ok ? undefined : check);

/** Of all candidates for the last character, how many pass: a check character admits exactly one. */
const accepted = (body: string, candidates: string, check: (raw: string) => KeyCheck) =>
  [...candidates].filter((last) => check(body + last).ok);

describe('landline numbers', () => {
  it.each([
    ['021-6123 4567', '02161234567'],
    ['(0755) 1234-5678', '075512345678'],
    ['+86 21 6123 4567', '02161234567'],
    ['0086-10-8765-4321', '01087654321'],
    ['０２１６１２３４５６７', '02161234567'],
  ])('%s is normalised to %s', (raw, normalized) => {
    expect(checkLandline(raw)).toEqual({ ok: true, normalized });
  });

  it.each(['6123 4567', '021-6123', '021-6123-4567 转 8', ''])('%j is not shaped like a landline', (raw) => {
    expect(checkLandline(raw)).toMatchObject({ ok: false, rule: 'LANDLINE_FORMAT', message: expect.stringMatching(/area code.*e\.g\. 021-6123 4567/) });
  });

  it.each(['+86 138 0013 8000', '0571-8888888', '+86 400 812 3123'])('%j is shaped like one but is no landline', (raw) => {
    expect(checkLandline(raw)).toMatchObject({ ok: false, rule: 'LANDLINE_NOT_LANDLINE' });
  });

  it('every landline rule code can fire', () => {
    const fired = ['123', '0571-8888888'].map((raw) => checkLandline(raw)).flatMap((check) => (check.ok ? [] : [check.rule]));
    expect(fired.sort()).toEqual([...PHONE_RULES].sort());
  });
});

describe('mobile numbers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['86 199 1234 5678', '19912345678'],
    ['(+86) 166 1234 5678', '16612345678'],
    ['１３８ ００１３ ８０００', '13800138000'],
  ])('%s is normalised to %s', (raw, normalized) => {
    expect(checkMobile(raw)).toEqual({ ok: true, normalized });
  });

  it.each(['1380013800', '138001380001', '+1 415 555 2671', '138-0013-800O', ''])('%j is not shaped like a mobile number', (raw) => {
    expect(failure(checkMobile(raw))).toMatchObject({ rule: 'MOBILE_FORMAT', message: expect.stringMatching(/11 digits.*e\.g\. 138 0013 8000/) });
  });

  it.each(['02161234567', '021-6123-4567', '+86 0216 1234567', '12345678901', '14012345678'])('%s is a landline or no mobile at all', (raw) => {
    expect(failure(checkMobile(raw))).toMatchObject({ rule: 'MOBILE_NOT_MOBILE', message: expect.stringMatching(/not a mainland China mobile number/) });
  });
});

describe('resident identity card numbers (GB 11643-1999)', () => {
  it.each([
    [RESIDENT_ID, RESIDENT_ID],
    [' 110105 19491231 002x ', RESIDENT_ID],
    [residentIdWithCheck('31010419900307123'), residentIdWithCheck('31010419900307123')],
  ])('%j is valid as %s', (raw, normalized) => {
    expect(checkResidentId(raw, today)).toEqual({ ok: true, normalized });
  });

  it('the helper and the implementation agree on both published samples', () => {
    expect(residentIdWithCheck(RESIDENT_ID.slice(0, 17))).toBe(RESIDENT_ID);
    expect(residentIdWithCheck(OLD_RESIDENT_ID.slice(0, 17))).toBe(OLD_RESIDENT_ID);
  });

  it.each(['110105491231002', '11010519491231002', '11010519491231002XX', '1101051949123100X2', '11010519491231002Y'])('%s is not 17 digits and a digit or X', (raw) => {
    expect(failure(checkResidentId(raw, today))).toMatchObject({ rule: 'RESIDENT_ID_FORMAT', message: expect.stringMatching(/18 characters.*11010519491231002X/) });
  });

  it('refuses a region code starting with 0', () => {
    expect(failure(checkResidentId(residentIdWithCheck('01010519491231002'), today))).toMatchObject({ rule: 'RESIDENT_ID_REGION', message: expect.stringMatching(/010105/) });
  });

  it.each([
    ['19990231', /1999-02-31 is not a calendar date/],
    ['19001301', /1900-13-01 is not a calendar date/],
    ['20230229', /2023-02-29 is not a calendar date/],
    ['18991231', /1899-12-31 is before 1900-01-01/],
    ['20261126', /2026-11-26 is after today \(2026-11-25\)/],
  ])('refuses the birth date %s even with a correct check digit', (birth, message) => {
    expect(failure(checkResidentId(residentIdWithCheck(`110105${birth}001`), today))).toMatchObject({ rule: 'RESIDENT_ID_BIRTH_DATE', message: expect.stringMatching(message) });
  });

  it("refuses the standard's own 1880 sample, whose check digit is right, by the 1900-01-01 floor", () => {
    expect(failure(checkResidentId(OLD_RESIDENT_ID, today))).toMatchObject({ rule: 'RESIDENT_ID_BIRTH_DATE', message: expect.stringMatching(/1880-01-01 is before 1900-01-01/) });
  });

  it('accepts real edge dates: a leap day, 1900-01-01 and today', () => {
    for (const birth of ['20000229', '19000101', '20261125']) {
      expect(checkResidentId(residentIdWithCheck(`110105${birth}001`), today).ok).toBe(true);
    }
  });

  it('reads today in Shanghai, not UTC', () => {
    const bornToday = residentIdWithCheck('31010420261125001');
    expect(checkResidentId(bornToday, new Date('2026-11-24T16:30:00Z')).ok).toBe(true); // 00:30 on the 25th in Shanghai
    expect(failure(checkResidentId(bornToday, new Date('2026-11-24T15:30:00Z')))?.rule).toBe('RESIDENT_ID_BIRTH_DATE'); // still the 24th
  });

  it('names the expected check character', () => {
    expect(failure(checkResidentId('110105194912310021', today))).toEqual({
      ok: false,
      rule: 'RESIDENT_ID_CHECK_DIGIT',
      message: "The resident ID's check character should be 'X', not '1' (GB 11643-1999, ISO 7064 MOD 11-2).",
    });
    expect(accepted(RESIDENT_ID.slice(0, 17), '0123456789X', (raw) => checkResidentId(raw, today))).toEqual(['X']);
  });

  it('reads the birth date of a resident ID', () => {
    expect(birthDateOf(RESIDENT_ID)).toBe('1949-12-31');
    expect(birthDateOf(` ${residentIdWithCheck('31010420000229123').toLowerCase()} `)).toBe('2000-02-29');
  });
});

describe('unified social credit codes (GB 32100-2015)', () => {
  it('accepts the commonly cited sample, whatever its case and spacing', () => {
    expect(usccWithCheck(USCC.slice(0, 17))).toBe(USCC);
    expect(checkUscc(USCC)).toEqual({ ok: true, normalized: USCC });
    expect(checkUscc(' 91350100m000100y43\t')).toEqual({ ok: true, normalized: USCC });
  });

  it('accepts other codes whose check character follows the standard\'s weights', () => {
    const bodies = ['91310000MA1FL0000', '12100000400000001', '52440300MJL000000', '91110108551385082'];
    for (const code of bodies.map(usccWithCheck)) expect(checkUscc(code)).toEqual({ ok: true, normalized: code });
  });

  it.each([
    ['91350100M000100I43', /'I' is not one of them/],
    ['91350100M0001O0Y43', /'O' is not one of them/],
    ['91350100M000100Z43', /'Z' is not one of them/],
    ['91350100M000100Y4', /it has 17/],
    ['91350100M000100Y433', /it has 19/],
    ['913501-0M000100Y43', /'-' is not one of them/],
    [usccWithCheck('91A50100M000100Y4'), /characters 3–8 are the region code and must be digits, not A50100/],
  ])('%s is malformed', (raw, message) => {
    expect(failure(checkUscc(raw))).toMatchObject({ rule: 'USCC_FORMAT', message: expect.stringMatching(message) });
  });

  it('names the expected check character', () => {
    expect(failure(checkUscc('91350100M000100Y4X'))).toEqual({
      ok: false,
      rule: 'USCC_CHECK_DIGIT',
      message: "The unified social credit code's check character should be '3', not 'X' (GB 32100-2015).",
    });
    expect(accepted(USCC.slice(0, 17), USCC_CHARS, checkUscc)).toEqual(['3']);
  });
});

describe('business registration numbers (ISO 7064 MOD 11,10)', () => {
  it('accepts a real 15-digit number, spaces stripped', () => {
    expect(checkBusinessLicence(BUSINESS_LICENCE)).toEqual({ ok: true, normalized: BUSINESS_LICENCE });
    expect(checkBusinessLicence(' 110108 002734659 ')).toEqual({ ok: true, normalized: BUSINESS_LICENCE });
  });

  it('admits exactly one check digit for any 14 digits', () => {
    for (const body of ['11010800273465', '31000000000000', '44030010000000', '00000000000000']) {
      expect(accepted(body, '0123456789', checkBusinessLicence)).toHaveLength(1);
    }
  });

  it.each(['11010800273465', '1101080027346599', '11010800273465A', '91350100M000100Y43'])('%s is not 15 digits', (raw) => {
    expect(failure(checkBusinessLicence(raw))).toMatchObject({ rule: 'BUSINESS_LICENCE_FORMAT', message: expect.stringMatching(/15 digits/) });
  });

  it('names the expected check digit', () => {
    expect(failure(checkBusinessLicence('110108002734650'))).toEqual({
      ok: false,
      rule: 'BUSINESS_LICENCE_CHECK_DIGIT',
      message: "The business registration number's check character should be '9', not '0' (ISO 7064 MOD 11,10).",
    });
  });
});

describe('tax registration numbers', () => {
  it.each([
    ['350100m000100y4', '350100M000100Y4'],
    [`110105${ORGANISATION_CODE.toLowerCase()}`, `110105${ORGANISATION_CODE}`],
    ['110105B00000000', '110105B00000000'], // 11·3 = 33 ≡ 0, so 11 − 0 = 11 → 0
    [` ${USCC.toLowerCase()} `, USCC],
    [`${RESIDENT_ID.toLowerCase()}01`, `${RESIDENT_ID}01`],
  ])('%j is valid as %s', (raw, normalized) => {
    expect(checkTaxNumber(raw, today)).toEqual({ ok: true, normalized });
  });

  it('checks the organisation code of the 15-character form', () => {
    expect(failure(checkTaxNumber('110105D21435690', today))).toEqual({
      ok: false,
      rule: 'TAX_NUMBER_CHECK_DIGIT',
      message: "The tax registration number's check character should be 'X', not '0' (organisation code, GB 11714-1997).",
    });
    expect(accepted('350100M000100Y', '0123456789X', (raw) => checkTaxNumber(raw, today))).toEqual(['4']);
  });

  it.each(['35010M000100Y4', '3501000M000100Y4', 'A50100M000100Y4', '350100M000100Y44X', '1101051949123100201', ''])('%j has none of the three forms', (raw) => {
    expect(failure(checkTaxNumber(raw, today))).toMatchObject({ rule: 'TAX_NUMBER_FORMAT', message: expect.stringMatching(/15 characters.*18-character.*resident ID/) });
  });

  it('reports the rule of the code an 18- or 20-character number embeds', () => {
    expect(failure(checkTaxNumber('91350100M000100Y44', today))).toMatchObject({
      rule: 'USCC_CHECK_DIGIT',
      message: expect.stringMatching(/^An 18-character tax number is a unified social credit code\. The unified social credit code's check character should be '3'/),
    });
    expect(failure(checkTaxNumber('91350100M000100I43', today))?.rule).toBe('USCC_FORMAT');
    expect(failure(checkTaxNumber('11010519491231002101', today))).toMatchObject({
      rule: 'RESIDENT_ID_CHECK_DIGIT',
      message: expect.stringMatching(/^A 20-character tax number is a resident ID and 2 digits\./),
    });
    expect(failure(checkTaxNumber(`${residentIdWithCheck('11010520270101001')}01`, today))?.rule).toBe('RESIDENT_ID_BIRTH_DATE');
  });
});

describe('checkIdentityKey', () => {
  const samples: Record<KeyKind, string> = {
    MOBILE: '+86 138 0013 8000',
    RESIDENT_ID: '11010519491231002x',
    USCC: '91350100m000100y43',
    BUSINESS_LICENCE: BUSINESS_LICENCE,
    TAX_NUMBER: '350100M000100Y4',
  };

  it.each(IDENTITY_KEY_KINDS)('dispatches %s to its own rule', (kind) => {
    const direct = { MOBILE: checkMobile, RESIDENT_ID: checkResidentId, USCC: checkUscc, BUSINESS_LICENCE: checkBusinessLicence, TAX_NUMBER: checkTaxNumber }[kind];
    expect(checkIdentityKey(kind, samples[kind], today)).toEqual(direct(samples[kind], today));
    expect(checkIdentityKey(kind, samples[kind], today).ok).toBe(true);
  });

  it('applies only the rule of the kind asked for', () => {
    expect(failure(checkIdentityKey('USCC', '13800138000', today))?.rule).toBe('USCC_FORMAT');
    expect(failure(checkIdentityKey('MOBILE', USCC, today))?.rule).toBe('MOBILE_FORMAT');
    expect(failure(checkIdentityKey('RESIDENT_ID', '110105199902310011', today))?.rule).toBe('RESIDENT_ID_BIRTH_DATE');
  });

  it('passes the injected today through to the birth-date rule', () => {
    const bornLater = residentIdWithCheck('11010520300101001');
    expect(failure(checkIdentityKey('RESIDENT_ID', bornLater, today))?.rule).toBe('RESIDENT_ID_BIRTH_DATE');
    expect(checkIdentityKey('RESIDENT_ID', bornLater, new Date('2030-01-01T00:00:00Z')).ok).toBe(true);
  });

  it('every rule code can fire, and each failure says what a valid value looks like', () => {
    const failures: [KeyKind, string][] = [
      ['MOBILE', '123'],
      ['MOBILE', '02161234567'],
      ['RESIDENT_ID', '123'],
      ['RESIDENT_ID', residentIdWithCheck('01010519491231002')],
      ['RESIDENT_ID', '110105199902310011'],
      ['RESIDENT_ID', '110105194912310021'],
      ['USCC', '91350100M000100I43'],
      ['USCC', '91350100M000100Y44'],
      ['BUSINESS_LICENCE', '123'],
      ['BUSINESS_LICENCE', '110108002734650'],
      ['TAX_NUMBER', '123'],
      ['TAX_NUMBER', '350100M000100Y5'],
    ];
    const fired = new Set<KeyRule>();
    for (const [kind, raw] of failures) {
      const result = failure(checkIdentityKey(kind, raw, today));
      expect(result?.message).toMatch(/e\.g\.|should be|between|region code/);
      if (result) fired.add(result.rule);
    }
    expect([...fired].sort()).toEqual([...KEY_RULES].sort());
  });
});
