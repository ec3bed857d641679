// One table for every list on the pages and in the console: columns say their heading and how a row
// shows in them; rowProps gives each row's attributes (data-* hooks the tests and styles use).
export default function DataTable({ className, caption, columns, rows, rowKey, rowProps }) {
  return (
    <table className={className}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i}>{c.title}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...(rowProps ? rowProps(row) : {})}>
            {columns.map((c, i) => (
              <td key={i}>{c.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
