export interface ProgramOption {
  code: string;
  name: string;
}

interface Props {
  value: string[];
  onChange(programs: string[]): void;
  options: ProgramOption[];
}

/** Multi-select of aid programs (none ticked = all programs). */
export function ProgramPicker({ value, onChange, options }: Props) {
  const toggle = (code: string) => {
    const next = value.includes(code) ? value.filter((c) => c !== code) : [...value, code];
    onChange(next.sort());
  };
  const summary = value.length === 0 ? 'Semua program' : value.join(', ');
  return (
    <details className="program-picker" data-testid="program-picker">
      <summary>
        Program: <strong>{summary}</strong>
      </summary>
      <div className="program-options">
        {options.length === 0 && <div className="muted">Belum ada program terdaftar.</div>}
        {options.map((p) => (
          <label key={p.code}>
            <input type="checkbox" checked={value.includes(p.code)} onChange={() => toggle(p.code)} /> {p.code}{' '}
            <span className="muted">{p.name}</span>
          </label>
        ))}
        {value.length > 0 && (
          <button type="button" className="link" onClick={() => onChange([])}>
            Semua program
          </button>
        )}
      </div>
    </details>
  );
}
