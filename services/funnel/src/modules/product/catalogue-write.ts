import { DomainException, InputException, Money } from '@crm/platform';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { InvalidProductInputException } from './product.exception';

/** A Money scalar has parsed it already; a string comes from a direct call (the demo) and is held to the same rules. */
export const moneyInput = z.union([z.custom<Money>((value) => value instanceof Money), z.string()]);

export const dayInput = z.iso.date('must be a date YYYY-MM-DD (Shanghai calendar)');

/** A price or a cost: exact to the fen and never negative, else refused with a stable reason naming the field. */
export function priceOf(value: Money | string, field: string): Money {
  const amount = typeof value === 'string' ? parseMoney(value, field) : value;
  if (amount.isNegative()) throw new InvalidProductInputException(field, 'NEGATIVE_PRICE', `${amount.toString()} is negative; a price or a cost is 0.00 or more.`);
  return amount;
}

function parseMoney(text: string, field: string): Money {
  try {
    return Money.of(text, field);
  } catch (error) {
    if (error instanceof InputException) throw new InvalidProductInputException(field, 'INVALID_MONEY', error.message);
    throw error;
  }
}

/**
 * The unique index decides, so two admins creating the same SKU at once cannot both succeed; the
 * whole flush (the audit entry with it) is then rolled back.
 */
export async function flushUnique(em: EntityManager, conflict: () => DomainException): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict();
    throw error;
  }
}

/** What an audit entry keeps of an update: only the fields whose values changed, before and after. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const changed = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return { before: Object.fromEntries(changed.map((key) => [key, before[key]])) as Partial<T>, after: Object.fromEntries(changed.map((key) => [key, after[key]])) as Partial<T> };
}
