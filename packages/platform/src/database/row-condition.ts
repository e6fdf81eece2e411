/** A SQL condition and its bindings, to be and-ed into a query (a visibility rule, a filter). */
export interface RowCondition {
  sql: string;
  params: unknown[];
}
