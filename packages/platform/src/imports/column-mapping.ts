import { InputException } from '../errors';

/** Which column of the file (by its header) fills which field of the record imported. */
export interface ColumnMapping<F extends string = string> {
  column: string;
  field: F;
}

export interface ResolvedMapping<F extends string> {
  /** The mapped cells of a row by field; an empty cell is absent. */
  pick(cells: readonly string[]): Partial<Record<F, string>>;
  /** The header of the column a field comes from, for error reports. */
  columnOf(field: F): string | null;
  fields: readonly F[];
}

/**
 * Checks a mapping against the file's header row and the fields the import knows, refusing an
 * unknown field or column, a field mapped twice and a required field left out (BAD_USER_INPUT
 * naming the mapping entry).
 */
export function resolveMapping<F extends string>(headers: readonly string[], mapping: readonly ColumnMapping[], known: readonly F[], required: readonly F[]): ResolvedMapping<F> {
  const indexOf = new Map<F, number>();
  mapping.forEach(({ column, field }, i) => {
    if (!known.includes(field as F)) throw new InputException(`mapping.${i}.field: "${field}" is not a field one can import; the fields are ${known.join(', ')}.`, `mapping.${i}.field`);
    if (indexOf.has(field as F)) throw new InputException(`mapping.${i}.field: ${field} is mapped twice; map each field from one column.`, `mapping.${i}.field`);
    const index = headers.indexOf(column.trim());
    if (index < 0) throw new InputException(`mapping.${i}.column: the file has no column "${column}"; its columns are ${headers.map((h) => `"${h}"`).join(', ')}.`, `mapping.${i}.column`);
    indexOf.set(field as F, index);
  });
  const missing = required.filter((field) => !indexOf.has(field));
  if (missing.length) throw new InputException(`mapping: map a column to ${missing.join(' and ')}; every row needs it.`, 'mapping');
  const entries = [...indexOf];
  return {
    fields: entries.map(([field]) => field),
    pick: (cells) => {
      const picked: Partial<Record<F, string>> = {};
      for (const [field, index] of entries) {
        const value = cells[index]?.trim();
        if (value) picked[field] = value;
      }
      return picked;
    },
    columnOf: (field) => {
      const index = indexOf.get(field);
      return index === undefined ? null : headers[index]!;
    },
  };
}
