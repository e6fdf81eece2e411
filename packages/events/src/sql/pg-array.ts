/**
 * A PostgreSQL array literal for one bound parameter (`unnest(?::uuid[])`): knex would expand a JS
 * array into a list of parameters, which cannot be unnested and grows the statement per row. A null
 * element is SQL NULL.
 */
export function pgArray(values: readonly (string | number | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : `"${String(value).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}
