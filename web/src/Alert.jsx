// An error said where the citizen or agent is looking, announced to screen readers; nothing when
// there is no error.
export default function Alert({ children, className = "error", as: Tag = "p" }) {
  return children ? (
    <Tag className={className} role="alert">
      {children}
    </Tag>
  ) : null;
}
