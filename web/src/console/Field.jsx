// One labelled input with the backend's Chinese message for that field right under it.
export function FieldError({ errors, name }) {
  const message = errors[name];
  return message ? (
    <p className="field-error" role="alert" data-field={name}>
      {message}
    </p>
  ) : null;
}

export default function Field({ label, name, errors, value, onChange, type = "text", ...rest }) {
  const id = `f-${name.replaceAll(".", "-")}`;
  return (
    <div className={`field${errors[name] ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        value={value ?? ""}
        onChange={(e) => onChange(name, e.target.value)}
        aria-invalid={errors[name] ? "true" : undefined}
        autoComplete="off"
        {...rest}
      />
      <FieldError errors={errors} name={name} />
    </div>
  );
}
