export interface Crumb {
  key: string;
  label: string;
  onClick?: () => void;
}

/** Where the view is: Indonesia › Gorontalo › Kab. Gorontalo; every step but the last goes there. */
export function Breadcrumb({ items }: { items: Crumb[] }) {
  return (
    <nav className="breadcrumb" aria-label="Jejak wilayah" data-testid="breadcrumb">
      <ol>
        {items.map((c, i) => (
          <li key={c.key}>
            {i < items.length - 1 && c.onClick ? (
              <button type="button" className="link" onClick={c.onClick}>
                {c.label}
              </button>
            ) : (
              <span aria-current={i === items.length - 1 ? 'page' : undefined}>{c.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
