/** Why one row of a file was not imported as it is: `code` is stable (e.g. USCC_CHECK_DIGIT), `message` may be reworded. */
export interface RowError {
  row: number;
  /** The file's header of the column at fault, or null for the row as a whole. */
  column: string | null;
  code: string;
  message: string;
  /** The row's cells as the file had them. */
  values: readonly string[];
}

/** A cell Excel would run as a formula when it opens the report (CSV injection) is shown as text. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (cells: readonly string[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * The errors as CSV to open in Excel beside the file: row, column, code and message, then the
 * row's original cells under the file's own headers. UTF-8 with a BOM, which Excel needs to read
 * Chinese text in a CSV correctly.
 */
export function errorReportCsv(headers: readonly string[], errors: Iterable<RowError>): string {
  let text = `\uFEFF${csvLine(['row', 'column', 'code', 'message', ...headers])}`;
  for (const error of errors) text += csvLine([String(error.row), error.column ?? '', error.code, error.message, ...error.values]);
  return text;
}
