// 进度查询 for a caller: number + the caller's ID (in a POST body, never in the address), the
// masked view, full values only through 显示完整信息, and withdrawal with the caller's consent.
import { useState } from "react";
import Alert from "../Alert.jsx";
import { errorsByField, staffPost } from "./api.js";
import Reveal from "./Reveal.jsx";
import MattersTable from "../MattersTable.jsx";

const ROLE = { applicant: "申请人", spouse: "对方" };
const PARTY_FIELDS = [
  ["name", "姓名"],
  ["id_number", "身份证号"],
  ["phone", "手机号"],
];

function Progress({ data }) {
  return (
    <section className="result" aria-live="polite">
      <h3>
        申请 {data.application_no}：{data.overall_status_text}
      </h3>
      <table className="parties">
        <tbody>
          {data.parties.map((p) => (
            <tr key={p.role}>
              <th>{ROLE[p.role]}</th>
              {PARTY_FIELDS.map(([field, label]) => (
                <td key={field}>
                  {label}：
                  <Reveal applicationNo={data.application_no} field={`${p.role}.${field}`} masked={p[field]} label={`${ROLE[p.role]}${label}`} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <MattersTable matters={data.matters} />
      <p className="muted">{data.summary}</p>
    </section>
  );
}

export default function Lookup() {
  const [number, setNumber] = useState("");
  const [idNumber, setIdNumber] = useState("");
  const [data, setData] = useState(null);
  const [error, setError] = useState("");
  const [consent, setConsent] = useState(false);
  const [withdrawError, setWithdrawError] = useState("");

  async function lookup(event) {
    event.preventDefault();
    setError("");
    setData(null);
    setConsent(false);
    try {
      setData(await staffPost("/api/v1/staff/hotline/progress", { application_no: number.trim(), id_number: idNumber.trim() }));
    } catch (e) {
      setError(e.errors?.length ? e.errors.map((x) => x.message).join(" ") : e.message);
    }
  }

  async function withdraw() {
    setWithdrawError("");
    try {
      const body = { application_no: data.application_no, id_number: idNumber.trim(), caller_consent: consent };
      setData(await staffPost("/api/v1/staff/hotline/withdraw", body));
    } catch (e) {
      setWithdrawError(errorsByField(e).caller_consent || e.message);
    }
  }

  return (
    <section className="console-card">
      <h2>来电查询进度</h2>
      <form className="lookup-form" method="post" action="#" onSubmit={lookup}>
        <label>
          申请编号
          <input name="application_no" value={number} onChange={(e) => setNumber(e.target.value)} autoComplete="off" required />
        </label>
        <label>
          来电人身份证号
          <input name="id_number" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} autoComplete="off" required />
        </label>
        <button type="submit">查询</button>
      </form>
      <Alert>{error}</Alert>
      {data && <Progress data={data} />}
      {data && data.overall_status !== "withdrawn" && (
        <div className="withdraw">
          <label className="check">
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} /> 来电人已同意撤回
          </label>
          <button type="button" className="danger" onClick={withdraw}>
            撤回申请
          </button>
          <Alert className="field-error">{withdrawError}</Alert>
        </div>
      )}
    </section>
  );
}
