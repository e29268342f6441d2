/**
 * The header row of a data table: one `<th scope="col">` per column, numbers aligned right. A
 * column may be visually hidden (a row-action column still needs a name for screen readers).
 */
export interface Column {
  label: string;
  numeric?: boolean;
  srOnly?: boolean;
}

export function ColumnHeaders({ columns, cellClassName }: { columns: Column[]; cellClassName: string }) {
  return (
    <tr>
      {columns.map((column) => (
        <th
          key={column.label}
          scope="col"
          className={`${cellClassName}${column.numeric ? ' text-right' : ''}`}
        >
          {column.srOnly ? <span className="sr-only">{column.label}</span> : column.label}
        </th>
      ))}
    </tr>
  );
}
