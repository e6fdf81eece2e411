import Decimal from 'decimal.js';
import { InputException } from '../errors';

/**
 * The money rules, stated once. Everything in this module reads them from here; no other code
 * rounds money.
 *
 * - Money is CNY kept to the fen: 2 decimal places. Sums and differences of such amounts are exact
 *   and never rounded.
 * - A product or quotient (a price × a quantity, an amount × a discount rate such as "0.85", an
 *   amount ÷ a count) is computed exactly, then rounded ONCE to the fen, half away from zero
 *   (ROUND_HALF_UP, 四舍五入): 2.525 → 2.53, -2.525 → -2.53, 84.9915 → 84.99.
 * - A rate (`ratio`, e.g. margin ÷ revenue) is rounded the same way to 4 decimal places and given as
 *   a fraction: "0.2500" is 25 %.
 * - Splitting an amount never rounds each part on its own (the parts would not add up): every part
 *   gets its share rounded down to the fen, and the fen left over go one each to the parts with the
 *   largest remainders, earlier parts first on ties. The parts always add up to the whole.
 * - An amount must be smaller than 10^16 in absolute value: PostgreSQL `numeric(18,2)` holds 16
 *   digits before the point, so anything larger could not be stored.
 */
export const MONEY_RULES = {
  moneyDecimals: 2,
  rateDecimals: 4,
  rounding: Decimal.ROUND_HALF_UP,
  integerDigits: 16,
} as const;

/**
 * A private decimal.js: changing the global Decimal's settings elsewhere cannot change money.
 * 40 significant digits hold any amount (18) times any factor this module accepts (20) exactly, so
 * the one rounding to the fen is the only rounding a product goes through.
 */
const Dec = Decimal.clone({ precision: 40, rounding: MONEY_RULES.rounding });
type Dec = Decimal;

const LIMIT = new Dec(10).pow(MONEY_RULES.integerDigits);
const FEN_PER_YUAN = new Dec(10).pow(MONEY_RULES.moneyDecimals);
const FACTOR_SIGNIFICANT_DIGITS = 20;
const MAX_PARTS = 10_000;
const AMOUNT_PATTERN = /^-?(?:0|[1-9]\d*)(?:\.\d{1,2})?$/;
const FACTOR_PATTERN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
/** PostgreSQL prints numeric as plain digits, but may pad with zeros beyond the column's scale. */
const NUMERIC_PATTERN = /^-?\d+(?:\.\d+)?$/;
const EXAMPLE = '"1234.50"';

/** The ONE rounding of money; see MONEY_RULES. */
function roundToFen(value: Dec): Dec {
  return value.toDecimalPlaces(MONEY_RULES.moneyDecimals, MONEY_RULES.rounding);
}

function roundToRate(value: Dec): Dec {
  return value.toDecimalPlaces(MONEY_RULES.rateDecimals, MONEY_RULES.rounding);
}

/** Quotes what the client sent so NUL bytes and control characters show as escapes, and caps its length. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

const outOfRange = `amounts must be smaller than ${LIMIT.toFixed()} (10^${MONEY_RULES.integerDigits}) in absolute value`;

/** Names the rule an amount breaks, so the person reading the error knows what to change. */
function amountProblem(text: string): string {
  if (text === '') return `is empty: send an amount such as ${EXAMPLE}, or "0.00" for none`;
  if (/\p{Cc}/u.test(text)) return `contains control characters: send only digits, an optional leading "-" and a "." such as ${EXAMPLE}`;
  if (text.trim() !== text) return `has spaces around it: send the digits alone, such as ${EXAMPLE}`;
  if (/^[+-]?(?:nan|inf|infinity)$/i.test(text)) return `is not a finite amount: send digits such as ${EXAMPLE}`;
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(text)) return `uses exponent notation: write the amount out in full, such as ${EXAMPLE}`;
  if (/^[+-]?[\d.]*[\d][,，_ '][\d,，_ '.]*$/.test(text)) return `uses thousands separators: send "1000.00", not "1,000.00"`;
  if (text.startsWith('+')) return `has a "+" sign: send positive amounts without one, such as ${EXAMPLE}`;
  if (/^-?0\d/.test(text)) return `has leading zeros: send ${EXAMPLE}, not "01234.50"`;
  if (/^-?\d+\.\d{3,}$/.test(text)) return `has more than ${MONEY_RULES.moneyDecimals} decimal places: CNY amounts are kept to the fen (0.01), so round it first, e.g. ${EXAMPLE}`;
  return `is not an amount: send a decimal string in CNY with at most ${MONEY_RULES.moneyDecimals} decimal places and an optional leading "-", such as ${EXAMPLE}`;
}

/** Every refused amount, whatever the rule broken, carries one stable reason: INVALID_MONEY. */
export const INVALID_MONEY = 'INVALID_MONEY';

function refuse(problem: string, field?: string): InputException {
  return new InputException(`${field ?? 'Money'}: ${problem}`, field, INVALID_MONEY);
}

/**
 * A factor or divisor: an integer JS number (a quantity, a count) or a decimal string (a rate such
 * as "0.85"). A fractional JS number is refused because it is already a binary float: 0.1 is not
 * one tenth, and the cents would show it.
 */
export type Factor = string | number;

function parseFactor(factor: Factor, what: string): Dec {
  if (typeof factor === 'number') {
    if (Number.isSafeInteger(factor)) return new Dec(factor);
    throw new TypeError(`${what} ${String(factor)} is not an integer JS number: pass a rate as a decimal string such as "0.85" so it stays exact`);
  }
  if (typeof factor !== 'string' || !FACTOR_PATTERN.test(factor)) {
    throw refuse(`${what} ${quote(String(factor))} is not a decimal number: send a string such as "0.85" or "3"`);
  }
  const value = new Dec(factor);
  if (value.precision(true) > FACTOR_SIGNIFICANT_DIGITS) {
    throw refuse(`${what} ${quote(factor)} has more than ${FACTOR_SIGNIFICANT_DIGITS} significant digits`);
  }
  return value;
}

/** Scales non-negative decimals by one power of ten so they become integers with the same ratios. */
function toIntegers(values: readonly Dec[]): bigint[] {
  const places = Math.max(0, ...values.map((v) => v.decimalPlaces()));
  return values.map((v) => BigInt(v.times(new Dec(10).pow(places)).toFixed(0)));
}

/**
 * An amount of CNY, exact to the fen. Immutable: every operation returns a new Money.
 * Parse client input with `Money.of`, read database values with `Money.fromNumeric`.
 */
export class Money {
  static readonly zero: Money = new Money(new Dec(0));

  private readonly amount: Dec;

  private constructor(amount: Dec) {
    // -0 would print as "0.00" but still answer isNegative() = true.
    this.amount = amount.isZero() ? new Dec(0) : amount;
    Object.freeze(this);
  }

  /** Every Money is made here, so none can escape the range a numeric(18,2) column holds. */
  private static checked(amount: Dec, field?: string): Money {
    if (amount.abs().gte(LIMIT)) throw refuse(`${amount.toFixed(MONEY_RULES.moneyDecimals)} is out of range: ${outOfRange}`, field);
    return new Money(amount);
  }

  /**
   * Strictly parses an amount a client sent: digits, an optional leading "-", at most 2 decimal
   * places ("1234.50", "1234.5", "1234", "-0.10"). Anything else (spaces, separators, exponents,
   * a third decimal) is refused as BAD_USER_INPUT naming the rule, never guessed at or rounded.
   * `field` names the input in the message, like every other input error.
   */
  static of(text: string, field?: string): Money {
    if (typeof text !== 'string') {
      throw refuse(`must be a decimal string such as ${EXAMPLE}, not a ${typeof text}`, field);
    }
    if (!AMOUNT_PATTERN.test(text)) throw refuse(`${quote(text)} ${amountProblem(text)}`, field);
    const integerDigits = text.replace(/^-/, '').split('.')[0]!.length;
    if (integerDigits > MONEY_RULES.integerDigits) throw refuse(`${quote(text)} is out of range: ${outOfRange}`, field);
    return Money.checked(new Dec(text), field);
  }

  /**
   * Reads a PostgreSQL numeric (which node-postgres delivers as a string). A value that is not
   * exact to the fen means a column or query is not numeric(18,2): that is a defect, so it throws
   * a plain Error (logged and masked), not an input error. Round in SQL (`round(x, 2)`) first if a
   * query computes averages or rates.
   */
  static fromNumeric(dbValue: string): Money {
    if (typeof dbValue !== 'string' || !NUMERIC_PATTERN.test(dbValue)) {
      throw new Error(`Money.fromNumeric: ${quote(String(dbValue))} is not a numeric value (expected a numeric(18,2) column)`);
    }
    const value = new Dec(dbValue);
    if (value.decimalPlaces() > MONEY_RULES.moneyDecimals || value.abs().gte(LIMIT)) {
      throw new Error(`Money.fromNumeric: ${dbValue} does not fit numeric(18,2); store money in MONEY_COLUMN and round computed values in SQL`);
    }
    return new Money(value);
  }

  /** Adds up amounts exactly; an empty list is zero. */
  static sum(amounts: Iterable<Money>): Money {
    let total = new Dec(0);
    for (const amount of amounts) total = total.plus(amount.amount);
    return Money.checked(total);
  }

  plus(other: Money): Money {
    return Money.checked(this.amount.plus(other.amount));
  }

  minus(other: Money): Money {
    return Money.checked(this.amount.minus(other.amount));
  }

  /** Multiplies by a quantity (integer) or a rate ("0.85"); the exact product is rounded once to the fen. */
  times(factor: Factor): Money {
    return Money.checked(roundToFen(this.amount.times(parseFactor(factor, 'factor'))));
  }

  /** Divides by a count or a decimal string; the quotient is rounded once to the fen. */
  dividedBy(divisor: Factor): Money {
    const by = parseFactor(divisor, 'divisor');
    if (by.isZero()) throw refuse('cannot divide an amount by zero');
    return Money.checked(roundToFen(this.amount.dividedBy(by)));
  }

  /** Splits into `parts` amounts as equal as possible that add up exactly (e.g. instalments). */
  split(parts: number): Money[] {
    if (!Number.isSafeInteger(parts) || parts < 1 || parts > MAX_PARTS) {
      throw refuse(`cannot split into ${String(parts)} parts: the number of parts must be a whole number from 1 to ${MAX_PARTS}`);
    }
    return this.allocate(Array.from({ length: parts }, () => 1));
  }

  /**
   * Splits in proportion to `weights` (line amounts to spread a discount or a payment over them,
   * or integer/decimal-string ratios), by the largest-remainder rule in MONEY_RULES: the parts
   * add up to this amount exactly. Weights must not be negative and must not all be zero.
   */
  allocate(weights: readonly (Money | Factor)[]): Money[] {
    if (weights.length < 1 || weights.length > MAX_PARTS) {
      throw refuse(`cannot allocate over ${weights.length} parts: give between 1 and ${MAX_PARTS} weights`);
    }
    const decimals = weights.map((w) => (w instanceof Money ? w.amount : parseFactor(w, 'weight')));
    if (decimals.some((w) => w.isNegative() && !w.isZero())) throw refuse('cannot allocate by negative weights');
    const scaled = toIntegers(decimals);
    const total = scaled.reduce((a, b) => a + b, 0n);
    if (total === 0n) throw refuse('cannot allocate when every weight is zero: nothing says how to share the amount');

    // Whole fen as a bigint: the shares and their remainders are then exact integer arithmetic.
    const fen = BigInt(this.amount.abs().times(FEN_PER_YUAN).toFixed(0));
    const shares = scaled.map((w) => (fen * w) / total);
    const remainders = scaled.map((w, index) => ({ index, remainder: (fen * w) % total }));
    let left = fen - shares.reduce((a, b) => a + b, 0n);
    remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
    for (const { index } of remainders) {
      if (left === 0n) break;
      shares[index] = shares[index]! + 1n;
      left -= 1n;
    }
    const sign = this.isNegative() ? -1 : 1;
    return shares.map((share) => new Money(new Dec(share.toString()).dividedBy(FEN_PER_YUAN).times(sign)));
  }

  negated(): Money {
    return new Money(this.amount.negated());
  }

  isNegative(): boolean {
    return this.amount.isNegative();
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  compare(other: Money): -1 | 0 | 1 {
    const order = this.amount.comparedTo(other.amount);
    return order < 0 ? -1 : order > 0 ? 1 : 0;
  }

  equals(other: Money): boolean {
    return this.amount.equals(other.amount);
  }

  /**
   * This amount divided by `base` as a rate with 4 decimals ("0.2500" = 25 %), e.g. margin rate =
   * margin.ratio(revenue). Null when `base` is zero: a rate over no revenue has no value, and
   * the caller decides how to show that.
   */
  ratio(base: Money): string | null {
    if (base.isZero()) return null;
    const rate = roundToRate(this.amount.dividedBy(base.amount));
    return (rate.isZero() ? new Dec(0) : rate).toFixed(MONEY_RULES.rateDecimals);
  }

  /**
   * Always exactly 2 decimals: "1234.50", "-0.10", "0.00". This is decimal.js's toFixed, which
   * formats the exact decimal (already at the fen, so it never rounds), not Number's.
   */
  toString(): string {
    return this.amount.toFixed(MONEY_RULES.moneyDecimals);
  }

  toJSON(): string {
    return this.toString();
  }

  /** The value to bind as a SQL parameter for a numeric column: a string, so no float is involved. */
  toNumeric(): string {
    return this.toString();
  }
}
