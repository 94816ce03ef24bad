import Table from 'cli-table3';
import { colourWanted } from './colour.js';

export interface OutputOptions {
  json?: boolean;
}

/** Human tables by default, JSON for scripts (`--json`). */
export function printRows<Row extends object>(
  rows: Row[],
  columns: Array<{ key: keyof Row & string; header: string }>,
  options: OutputOptions,
): void {
  if (options.json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    console.log('(none)');
    return;
  }
  const table = new Table({ head: columns.map((column) => column.header), style: tableStyle() });
  for (const row of rows) table.push(columns.map((column) => formatCell(row[column.key])));
  console.log(table.toString());
}

export function printRecord(record: object, options: OutputOptions): void {
  if (options.json) {
    console.log(JSON.stringify(record, null, 2));
    return;
  }
  const table = new Table({ style: tableStyle() });
  for (const [key, value] of Object.entries(record)) table.push({ [key]: formatCell(value) });
  console.log(table.toString());
}

/** cli-table3 paints headers red and borders grey by default, even in a pipe; headers here are bold, on a terminal only. */
function tableStyle(): { head: string[]; border: string[] } {
  return { head: colourWanted() ? ['bold'] : [], border: [] };
}

function formatCell(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value === null || value === undefined) return '';
  return String(value);
}
