// Each matter of an application with its department and status (and the department's note): the
// same table on the citizens' progress page and in the console's look-up.
import DataTable from "./DataTable.jsx";

const COLUMNS = [
  { title: "事项", cell: (m) => m.matter_name },
  { title: "部门", cell: (m) => m.department_name },
  { title: "状态", cell: (m) => `${m.status_text}${m.note ? `（${m.note}）` : ""}` },
];

export default function MattersTable({ matters }) {
  return (
    <DataTable
      className="matters"
      columns={COLUMNS}
      rows={matters}
      rowKey={(m) => m.matter}
      rowProps={(m) => ({ "data-status": m.status })}
    />
  );
}
