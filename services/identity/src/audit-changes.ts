/** Field values compared as the audit trail stores them (JSON), so arrays and dates compare by content. */
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields `next` changes on `current`, as an audit entry's `before` and `after` (only the touched
 * fields, PLT-4); null when nothing changes, so a no-op write leaves no entry.
 */
export function fieldChanges<T extends object>(current: T, next: Partial<T>): { before: Partial<T>; after: Partial<T> } | null {
  const keys = (Object.keys(next) as (keyof T)[]).filter((key) => next[key] !== undefined && !same(current[key], next[key]));
  if (!keys.length) return null;
  return {
    before: Object.fromEntries(keys.map((key) => [key, current[key]])) as Partial<T>,
    after: Object.fromEntries(keys.map((key) => [key, next[key]])) as Partial<T>,
  };
}
