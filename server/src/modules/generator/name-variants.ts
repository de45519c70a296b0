import type { Rng } from './rng';

/**
 * The same person written differently in another record: the spelling
 * variants Indonesian lists are full of. Each rule returns the changed name or
 * null when it does not apply. Used to plant "the same person under a second
 * NIK" (truth.json fuzzyDuplicates).
 */

type Rule = (name: string, rng: Rng, female: boolean) => string | null;

const MUHAMMAD_FORMS = ['MUHAMMAD', 'MUHAMAD', 'MOHAMAD', 'MOHAMMAD', 'MOCHAMAD', 'MOH.', 'MUH.', 'M.'];
const MUHAMMAD_LONG = ['MUHAMMAD', 'MUHAMAD', 'MOHAMAD', 'MOHAMMAD'];

const tokens = (name: string) => name.split(' ');

function replaceToken(name: string, i: number, value: string): string {
  const t = tokens(name);
  t[i] = value;
  return t.join(' ');
}

/** Muhammad / Muhamad / Mohamad / Moh. / M. (a short form only before another word). */
const muhammad: Rule = (name, rng) => {
  const t = tokens(name);
  const i = t.findIndex((w) => MUHAMMAD_FORMS.includes(w));
  if (i < 0) return null;
  const forms = (i === t.length - 1 ? MUHAMMAD_LONG : MUHAMMAD_FORMS).filter((f) => f !== t[i]);
  return replaceToken(name, i, rng.pick(forms));
};

/** Nur / Noer / Noor, also at the start of a glued name (Nurhayati / Noerhayati). */
const nur: Rule = (name, rng) => {
  const t = tokens(name);
  const i = t.findIndex((w) => /^(NUR|NOER|NOOR)/.test(w));
  if (i < 0) return null;
  const w = t[i]!;
  const m = /^(NUR|NOER|NOOR)(.*)$/.exec(w)!;
  const alt = ['NUR', 'NOER', 'NOOR'].filter((x) => x !== m[1]);
  return replaceToken(name, i, rng.pick(alt) + m[2]);
};

/** Old spelling oe ↔ u (Soeparman / Suparman, Yusuf / Yoesuf). */
const oe: Rule = (name, rng) => {
  if (name.includes('OE')) return name.replace(/OE/g, 'U');
  const t = tokens(name);
  const candidates = t.map((w, i) => (/[A-Z]U/.test(w) && !w.endsWith('.') ? i : -1)).filter((i) => i >= 0);
  if (!candidates.length) return null;
  const i = rng.pick(candidates);
  return replaceToken(name, i, t[i]!.replace(/([A-Z])U/, '$1OE'));
};

/** Old spelling dj ↔ j (Djafar / Jafar, Junaidi / Djunaidi). */
const dj: Rule = (name) => {
  if (name.includes('DJ')) return name.replace(/DJ/g, 'J');
  // in a name already in the old spelling a j is the old y (Joesoef = Yusuf), not a dj
  if (/OE|TJ|SJ/.test(name)) return null;
  if (/(^| )J[AEIOU]/.test(name)) return name.replace(/(^| )J([AEIOU])/, '$1DJ$2');
  return null;
};

/** Old spelling tj ↔ c (Tjipto / Cipto, Cahya / Tjahya). */
const tj: Rule = (name) => {
  if (name.includes('TJ')) return name.replace(/TJ/g, 'C');
  if (/C[AEIOU]/.test(name)) return name.replace(/C([AEIOU])/, 'TJ$1');
  return null;
};

/** Religious or academic title added (H. / Hj., Drs. / Dra., ", S.Pd", ", S.E"). */
const title: Rule = (name, rng, female) => {
  if (/^(H|HJ|DRS|DRA)\. |, S\./.test(name)) return name.replace(/^(H|HJ|DRS|DRA)\. /, '').replace(/, S\.[A-Z]+$/, '');
  const r = rng.float();
  if (r < 0.5) return `${female ? 'HJ.' : 'H.'} ${name}`;
  if (r < 0.7) return `${female ? 'DRA.' : 'DRS.'} ${name}`;
  return `${name}, ${rng.pick(['S.PD', 'S.E', 'S.H', 'S.PD.I', 'S.SOS'])}`;
};

const GLUE_PREFIXES = ['NUR', 'ABDUL', 'SRI', 'SITI'];

/** Glued or split (Nurhayati / Nur Hayati, Abdul Rahman / Abdulrahman). */
const spacing: Rule = (name) => {
  const t = tokens(name);
  for (let i = 0; i < t.length - 1; i++) {
    if (['NUR', 'ABDUL'].includes(t[i]!)) return [...t.slice(0, i), t[i]! + t[i + 1]!, ...t.slice(i + 2)].join(' ');
  }
  for (let i = 0; i < t.length; i++) {
    // Nurhayati → Nur Hayati, but never Abdullah → Abdul Lah
    const p = GLUE_PREFIXES.find((g) => t[i]!.startsWith(g) && t[i]!.length >= g.length + 4);
    if (p) return [...t.slice(0, i), p, t[i]!.slice(p.length), ...t.slice(i + 1)].join(' ');
  }
  return null;
};

/** A doubled consonant written single or a single one doubled (Abdullah / Abdulah, Hasan / Hassan). */
const doubles: Rule = (name) => {
  if (/([BCDFGHJKLMNPRSTVZ])\1/.test(name)) return name.replace(/([BCDFGHJKLMNPRSTVZ])\1/, '$1');
  const t = tokens(name);
  const i = t.length - 1;
  const w = t[i]!;
  const m = /^(.*[AEIOU])([LMNST])([AEIOU][A-Z]*)$/.exec(w);
  if (!m || w.endsWith('.')) return null;
  return replaceToken(name, i, `${m[1]}${m[2]}${m[2]}${m[3]}`);
};

const NAME_PREFIXES = new Set([...MUHAMMAD_FORMS, 'AHMAD', 'ABDUL', 'NUR', 'NOER', 'NOOR', 'NOR', 'SITI', 'SRI', 'ANDI', 'GUSTI']);

/**
 * A second given name left out (rarer, and harder for a matcher): only from a
 * plain name of three words or more whose first word is a name in its own right,
 * so `Rahmat Hidayat Pakaya` → `Rahmat Pakaya` but never `Moh. Pakaya`.
 */
const dropMiddle: Rule = (name) => {
  const t = tokens(name);
  if (t.length < 3 || /[.,]/.test(name) || NAME_PREFIXES.has(t[0]!)) return null;
  return [t[0], ...t.slice(2)].join(' ');
};

/** Sounds Indonesian writers confuse: F/P (Fitri / Pitri), Z/S, KH/H (Khadijah / Hadijah), SY/S, I/Y at the end. */
const phonetic: Rule = (name, rng) => {
  const swaps: [RegExp, string][] = [
    [/F/, 'P'],
    [/(?<=[AEIOU])P(?=[AEIOU])/, 'F'],
    [/Z/, 'S'],
    [/KH/, 'H'],
    [/SY/, 'S'],
    [/(?<=[A-Z]{3})I(?= |$)/, 'Y'],
  ];
  const applicable = swaps.filter(([re]) => re.test(name));
  if (!applicable.length) return null;
  const [re, to] = rng.pick(applicable);
  return name.replace(re, to);
};

/** A typing slip in one longer word: two neighbouring letters swapped or one letter doubled/dropped. */
const typo: Rule = (name, rng) => {
  const t = tokens(name);
  const long = t.map((w, i) => (/^[A-Z]{5,}$/.test(w) ? i : -1)).filter((i) => i >= 0);
  if (!long.length) return null;
  const i = rng.pick(long);
  const w = t[i]!;
  const at = rng.range(1, w.length - 2);
  const r = rng.float();
  const out = r < 0.5 ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) : r < 0.75 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + w[at] + w.slice(at);
  return out === w ? null : replaceToken(name, i, out);
};

const RULES: { rule: Rule; weight: number; kind: string }[] = [
  { rule: muhammad, weight: 5, kind: 'muhammad' },
  { rule: nur, weight: 4, kind: 'nur' },
  { rule: oe, weight: 2, kind: 'oe' },
  { rule: dj, weight: 2, kind: 'dj' },
  { rule: tj, weight: 1, kind: 'tj' },
  { rule: title, weight: 3, kind: 'title' },
  { rule: spacing, weight: 3, kind: 'spacing' },
  { rule: doubles, weight: 2, kind: 'doubles' },
  { rule: phonetic, weight: 1.5, kind: 'phonetic' },
  { rule: typo, weight: 1, kind: 'typo' },
  { rule: dropMiddle, weight: 0.5, kind: 'drop-middle' },
];

/** A different way of writing `name` by one or two rules; `kinds` names the rules used. */
export function nameVariant(rng: Rng, name: string, female: boolean): { name: string; kinds: string[] } {
  const steps = rng.chance(0.3) ? 2 : 1;
  let current = name;
  const kinds: string[] = [];
  for (let s = 0; s < steps; s++) {
    const options = RULES.map((r) => ({ ...r, out: kinds.includes(r.kind) || (s > 0 && r.kind === 'typo') ? null : r.rule(current, rng, female) })).filter(
      (o): o is typeof o & { out: string } => o.out !== null && o.out !== current,
    );
    if (!options.length) break;
    const total = options.reduce((t, o) => t + o.weight, 0);
    let x = rng.float() * total;
    const chosen = options.find((o) => (x -= o.weight) < 0) ?? options[options.length - 1]!;
    current = chosen.out;
    kinds.push(chosen.kind);
    if (chosen.kind === 'typo') break; // a slip on top of another variant would be a different name
  }
  if (current === name) {
    // title always applies, so this is only reached when every rule undid another
    current = `${female ? 'HJ.' : 'H.'} ${name}`;
    kinds.push('title');
  }
  return { name: current, kinds };
}
