import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export const IMPORT_FORMATS = ['CSV', 'XLSX'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One row of a sheet: its number as the spreadsheet shows it (the header is row 1) and its cells as text. */
export interface SheetRow {
  number: number;
  cells: string[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);

/** The format a file's name says, else what its first bytes say (an XLSX is a zip). */
export function inferFormat(fileName: string, head: Buffer): ImportFormat {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toUpperCase();
  if (extension === 'XLSX' || extension === 'CSV') return extension;
  return head.subarray(0, 4).equals(ZIP_MAGIC) ? 'XLSX' : 'CSV';
}

/**
 * UTF-8 with or without a BOM, UTF-16 with a BOM (Excel's "Unicode text"), and otherwise GB18030,
 * a superset of the GBK that Chinese Excel writes CSV in. The first part decides: bytes that are
 * not UTF-8 there mean the file is not.
 */
function encodingOf(head: Buffer): string {
  if (head.subarray(0, 3).equals(UTF8_BOM)) return 'utf8';
  if (head.subarray(0, 2).equals(UTF16LE_BOM)) return 'utf16le';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

async function* decoded(parts: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let decoder: ReturnType<typeof iconv.getDecoder> | null = null;
  for await (const part of parts) {
    decoder ??= iconv.getDecoder(encodingOf(part));
    const text = decoder.write(part);
    if (text) yield text;
  }
  const rest = decoder?.end();
  if (rest) yield rest;
}

async function* csvRows(parts: AsyncIterable<Buffer>): AsyncGenerator<SheetRow> {
  // Blank lines are kept (as one empty cell) so row numbers match what a spreadsheet shows.
  const records = Readable.from(decoded(parts)).pipe(parse({ relax_column_count: true, skip_empty_lines: false, relax_quotes: true }));
  let number = 0;
  for await (const cells of records as AsyncIterable<string[]>) {
    number += 1;
    yield { number, cells };
  }
}

type CellValue = ExcelJS.CellValue;

/** What a cell shows: rich text joined, a formula's result, a date as YYYY-MM-DD, a hyperlink's text. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('result' in value) return cellText(value.result as CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

async function* xlsxRows(parts: AsyncIterable<Buffer>): AsyncGenerator<SheetRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(parts), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      // row.values is 1-based, with holes where cells are empty.
      const values = row.values as CellValue[];
      yield { number: row.number, cells: Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellText(values[i + 1]).trim()) };
    }
    return; // the first sheet only
  }
}

/** Every row of the file, the header row first, read as it streams in. */
export function readRows(parts: AsyncIterable<Buffer>, format: ImportFormat): AsyncGenerator<SheetRow> {
  return format === 'XLSX' ? xlsxRows(parts) : csvRows(parts);
}

/** A row with nothing in it, which an import passes over. */
export const isBlankRow = (row: SheetRow): boolean => row.cells.every((cell) => cell.trim() === '');

/** The header row (the first that is not blank) and an iterator over the rows after it. */
export async function openSheet(parts: AsyncIterable<Buffer>, format: ImportFormat): Promise<{ headers: string[]; rows: AsyncGenerator<SheetRow> }> {
  const rows = readRows(parts, format);
  // next() rather than for-await: leaving a for-await loop would close the generator.
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    if (!isBlankRow(next.value)) return { headers: next.value.cells.map((cell) => cell.trim()), rows };
  }
  return { headers: [], rows };
}
