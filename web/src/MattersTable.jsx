// Each matter of an application with its department and status (and the department's note): the
// same table on the citizens' progress page and in the console's look-up.
export default function MattersTable({ matters }) {
  return (
    <table className="matters">
      <thead>
        <tr>
          <th>事项</th>
          <th>部门</th>
          <th>状态</th>
        </tr>
      </thead>
      <tbody>
        {matters.map((m) => (
          <tr key={m.matter} data-status={m.status}>
            <td>{m.matter_name}</td>
            <td>{m.department_name}</td>
            <td>
              {m.status_text}
              {m.note ? `（${m.note}）` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
