/** How the benchmarks print: small aligned tables, each headed by the machine's load at the time. */
import os from 'node:os';

/** `load 14.2 13.9 13.5 (2 CPUs)`: the figures beside it were measured on a machine this busy. */
export function machineLoad(): string {
  const [one = 0, five = 0, fifteen = 0] = os.loadavg();
  return `load ${one.toFixed(1)} ${five.toFixed(1)} ${fifteen.toFixed(1)} (${os.cpus().length} CPUs)`;
}

export function heading(title: string): void {
  console.log(`\n## ${title} — ${machineLoad()}`);
}

/** Prints rows under a header, each column as wide as its widest cell; numbers align right. */
export function printTable(header: string[], rows: Array<Array<string | number>>): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const numeric = header.map((_, column) =>
    rows.every(
      (row) => typeof row[column] === 'number' || /^[\d.,\s×/%≤≥~-]+$/.test(String(row[column] ?? '')),
    ),
  );
  for (const row of cells) {
    console.log(
      row
        .map((cell, column) =>
          numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    );
  }
}

export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '—');
