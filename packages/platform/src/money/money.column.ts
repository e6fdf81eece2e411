import { Type } from '@mikro-orm/core';
import { MONEY_RULES, Money } from './money';

/** 16 digits before the point and 2 after, exact: the range and fen that MONEY_RULES allow. */
export const MONEY_COLUMN = `numeric(${MONEY_RULES.integerDigits + MONEY_RULES.moneyDecimals},${MONEY_RULES.moneyDecimals})`;

/**
 * Maps a MONEY_COLUMN to Money and back through strings, so no value passes through a float on
 * its way to or from PostgreSQL. Declare properties as `{ type: MoneyType, columnType: MONEY_COLUMN }`.
 */
export class MoneyType extends Type<Money | null, string | null> {
  override convertToDatabaseValue(value: Money | string | null | undefined): string | null {
    if (value === null || value === undefined) return null;
    // Query conditions may be written with a string ({ total: { $gte: '100.00' } }): hold it to the same rules as input.
    if (typeof value === 'string') return Money.of(value).toNumeric();
    if (value instanceof Money) return value.toNumeric();
    throw new TypeError(`MoneyType: cannot store ${typeof value} ${String(value)}; assign a Money (Money.of("1234.50"))`);
  }

  override convertToJSValue(value: string | Money | null | undefined): Money | null {
    if (value === null || value === undefined) return null;
    // Data passed to em.create() is already a Money.
    if (value instanceof Money) return value;
    return Money.fromNumeric(value);
  }

  /** Change tracking then compares the canonical strings, so "1234.50" read back is not a change. */
  override compareAsType(): string {
    return 'string';
  }

  override getColumnType(): string {
    return MONEY_COLUMN;
  }

  override toJSON(value: Money | null): string | null {
    return value === null ? null : value.toJSON();
  }
}
