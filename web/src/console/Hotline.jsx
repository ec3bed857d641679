// 来电申请: an agent fills the joint application for a caller. The backend checks it with the
// same rules as the online channels; its Chinese message for each field is shown next to that
// field, and the corrected form goes again under the same Idempotency-Key (never a second one).
import { useState } from "react";
import { useCatalog } from "../useCatalog.js";
import { errorsByField, staffPost } from "./api.js";
import Field, { FieldError } from "./Field.jsx";

const EMPTY = {
  matters: [],
  "applicant.name": "",
  "applicant.id_number": "",
  "applicant.phone": "",
  "spouse.name": "",
  "spouse.id_number": "",
  "spouse.phone": "",
  "marriage.registry_office": "",
  "marriage.appointment_date": "",
  "marriage.certificate_no": "",
  "marriage.registered_at": "",
  shanghai_hukou: [],
  "hukou.migration.mover": "spouse",
  "hukou.migration.household_address": "",
  "hukou.migration.household_head_name": "",
  "hukou.migration.household_head_consent": false,
  "birth.child_order": "1",
  "birth.expected_due_date": "",
  "birth.residence_district": "",
};
// Whether a chosen matter needs a field under `prefix`: the catalog says which fields each matter
// needs (guides/matters.yml), so a matter added there brings its sections here.
function needs(catalog, chosen, prefix) {
  return (catalog?.matters || []).some((m) => chosen.has(m.code) && m.fields.some((p) => p.startsWith(prefix)));
}
// Fields the form shows; any other field the backend names is listed above the form.
const SHOWN = new Set([...Object.keys(EMPTY), "hukou.shanghai_hukou", "applicant", "spouse", "marriage", "hukou", "birth"]);

const blank = (v) => (v === "" ? null : v);

function toBody(f, catalog) {
  const chosen = new Set(f.matters);
  const party = (role) => ({
    name: blank(f[`${role}.name`].trim()),
    id_number: blank(f[`${role}.id_number`].trim()),
    phone: blank(f[`${role}.phone`].trim()),
  });
  const body = { matters: f.matters, applicant: party("applicant"), spouse: party("spouse") };
  body.marriage = chosen.has("marriage_registration")
    ? { registry_office: blank(f["marriage.registry_office"].trim()), appointment_date: blank(f["marriage.appointment_date"]) }
    : { certificate_no: blank(f["marriage.certificate_no"].trim()), registered_at: blank(f["marriage.registered_at"]) };
  if (needs(catalog, chosen, "hukou.")) {
    body.hukou = { shanghai_hukou: f.shanghai_hukou };
    if (needs(catalog, chosen, "hukou.migration.")) {
      body.hukou.migration = {
        mover: f["hukou.migration.mover"],
        household_address: blank(f["hukou.migration.household_address"].trim()),
        household_head_name: blank(f["hukou.migration.household_head_name"].trim()),
        household_head_consent: f["hukou.migration.household_head_consent"],
      };
    }
  }
  if (needs(catalog, chosen, "birth.")) {
    body.birth = {
      child_order: f["birth.child_order"] === "" ? null : Number(f["birth.child_order"]),
      expected_due_date: blank(f["birth.expected_due_date"]),
      residence_district: blank(f["birth.residence_district"].trim()),
    };
  }
  return body;
}

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

export default function Hotline() {
  const [catalog, catalogError] = useCatalog();
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState({});
  const [detail, setDetail] = useState("");
  const [created, setCreated] = useState(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newKey);
  const set = (name, value) => setForm((f) => ({ ...f, [name]: value }));
  const toggle = (name, value) =>
    setForm((f) => ({ ...f, [name]: f[name].includes(value) ? f[name].filter((v) => v !== value) : [...f[name], value] }));
  const chosen = new Set(form.matters);
  const marrying = chosen.has("marriage_registration");
  const props = { errors, onChange: set };
  const others = Object.entries(errors).filter(([field]) => !SHOWN.has(field));

  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setDetail("");
    try {
      setCreated(await staffPost("/api/v1/staff/hotline/applications", toBody(form, catalog), { "Idempotency-Key": key }));
      setErrors({});
    } catch (e) {
      setErrors(errorsByField(e));
      setDetail(e.message);
    } finally {
      setBusy(false);
    }
  }

  function startOver() {
    setForm(EMPTY);
    setErrors({});
    setDetail("");
    setCreated(null);
    setKey(newKey());
  }

  if (created) {
    return (
      <section className="console-card created" aria-live="polite">
        <h2>申请已提交</h2>
        <p>
          申请编号：<strong className="application-no">{created.application_no}</strong>（请告知来电人并提醒其记下）
        </p>
        <ul>
          {created.matters.map((m) => (
            <li key={m.matter}>
              {m.matter_name}：{m.status_text}
            </li>
          ))}
        </ul>
        <button type="button" onClick={startOver}>
          新的来电申请
        </button>
      </section>
    );
  }

  return (
    <form className="console-card hotline-form" method="post" action="#" onSubmit={submit} noValidate>
      <h2>来电申请（12345 热线代填）</h2>
      {detail && (
        <div className="error" role="alert">
          <p>{detail}</p>
          {others.length > 0 && (
            <ul>
              {others.map(([field, message]) => (
                <li key={field}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <fieldset>
        <legend>办理事项</legend>
        {catalogError && <p className="error">{catalogError}</p>}
        {(catalog?.matters || []).map((m) => (
          <label key={m.code} className="check">
            <input type="checkbox" checked={chosen.has(m.code)} onChange={() => toggle("matters", m.code)} />{" "}
            {m.short_name}
          </label>
        ))}
        <FieldError errors={errors} name="matters" />
      </fieldset>
      {["applicant", "spouse"].map((role) => (
        <fieldset key={role}>
          <legend>{role === "applicant" ? "申请人（来电人）" : "对方"}</legend>
          <Field label="姓名" name={`${role}.name`} value={form[`${role}.name`]} {...props} />
          <Field label="身份证号" name={`${role}.id_number`} value={form[`${role}.id_number`]} {...props} />
          <Field label="手机号" name={`${role}.phone`} value={form[`${role}.phone`]} inputMode="numeric" {...props} />
          <FieldError errors={errors} name={role} />
        </fieldset>
      ))}
      <fieldset>
        <legend>{marrying ? "结婚登记预约" : "已登记结婚（结婚证）"}</legend>
        {marrying ? (
          <>
            <Field
              label="婚姻登记处"
              name="marriage.registry_office"
              value={form["marriage.registry_office"]}
              placeholder="例如：浦东新区婚姻登记处"
              {...props}
            />
            <Field label="预约日期" name="marriage.appointment_date" type="date" value={form["marriage.appointment_date"]} {...props} />
          </>
        ) : (
          <>
            <Field label="结婚证字号" name="marriage.certificate_no" value={form["marriage.certificate_no"]} {...props} />
            <Field label="登记日期" name="marriage.registered_at" type="date" value={form["marriage.registered_at"]} {...props} />
          </>
        )}
        <FieldError errors={errors} name="marriage" />
      </fieldset>
      {needs(catalog, chosen, "hukou.") && (
        <fieldset>
          <legend>户口信息</legend>
          <span className="label">上海户籍的一方</span>
          {[
            ["applicant", "申请人"],
            ["spouse", "对方"],
          ].map(([role, name]) => (
            <label key={role} className="check">
              <input type="checkbox" checked={form.shanghai_hukou.includes(role)} onChange={() => toggle("shanghai_hukou", role)} />{" "}
              {name}
            </label>
          ))}
          <FieldError errors={errors} name="hukou.shanghai_hukou" />
          {needs(catalog, chosen, "hukou.migration.") && (
            <>
              <div className="field">
                <label htmlFor="f-mover">迁户口的一方</label>
                <select id="f-mover" value={form["hukou.migration.mover"]} onChange={(e) => set("hukou.migration.mover", e.target.value)}>
                  <option value="spouse">对方迁入申请人家庭户</option>
                  <option value="applicant">申请人迁入对方家庭户</option>
                </select>
                <FieldError errors={errors} name="hukou.migration.mover" />
              </div>
              <Field label="迁入地址" name="hukou.migration.household_address" value={form["hukou.migration.household_address"]} {...props} />
              <Field label="户主姓名" name="hukou.migration.household_head_name" value={form["hukou.migration.household_head_name"]} {...props} />
              <label className="check">
                <input
                  type="checkbox"
                  checked={form["hukou.migration.household_head_consent"]}
                  onChange={(e) => set("hukou.migration.household_head_consent", e.target.checked)}
                />{" "}
                户主同意迁入
              </label>
              <FieldError errors={errors} name="hukou.migration.household_head_consent" />
            </>
          )}
          <FieldError errors={errors} name="hukou" />
        </fieldset>
      )}
      {needs(catalog, chosen, "birth.") && (
        <fieldset>
          <legend>生育登记</legend>
          <Field label="孩次" name="birth.child_order" type="number" min="1" max="3" value={form["birth.child_order"]} {...props} />
          <Field label="预产期（可不填）" name="birth.expected_due_date" type="date" value={form["birth.expected_due_date"]} {...props} />
          <Field label="居住区" name="birth.residence_district" value={form["birth.residence_district"]} placeholder="例如：浦东新区" {...props} />
          <FieldError errors={errors} name="birth" />
        </fieldset>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "提交中…" : Object.keys(errors).length ? "改正后重新提交" : "提交申请"}
      </button>
    </form>
  );
}
