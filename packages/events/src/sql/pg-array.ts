/**
 * A PostgreSQL array literal for one bound parameter (`unnest(?::uuid[])`): knex would expand a JS
 * array into a list of parameters, which cannot be unnested and grows the statement per row.
 */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((value) => `"${String(value).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}
