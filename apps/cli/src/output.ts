import Table from 'cli-table3';

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
  const table = new Table({ head: columns.map((column) => column.header) });
  for (const row of rows) table.push(columns.map((column) => formatCell(row[column.key])));
  console.log(table.toString());
}

export function printRecord(record: object, options: OutputOptions): void {
  if (options.json) {
    console.log(JSON.stringify(record, null, 2));
    return;
  }
  const table = new Table();
  for (const [key, value] of Object.entries(record)) table.push({ [key]: formatCell(value) });
  console.log(table.toString());
}

function formatCell(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value === null || value === undefined) return '';
  return String(value);
}
