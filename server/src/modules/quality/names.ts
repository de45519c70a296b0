/**
 * Indonesian personal names: normalisation, a phonetic key, and similarity.
 *
 * The same person is written many ways across Dukcapil, DTKS and program lists:
 * with or without titles (H., Hj., Drs., S.Pd), with `Muhammad` as Moh./M./Mochamad,
 * in the pre-1972 spelling (Soekarno, Djoko, Tjahjono, Sjahrir, Chairul), with
 * doubled letters dropped (Muhamad, Abdulah), glued or split (Nurhayati / Nur Hayati),
 * with or without the patronym (bin/binti …). `normaliseName` maps those to one
 * spelling (stored in person.name_norm); `phoneticKey` is a coarser key for blocking
 * (sounds that Indonesian writers confuse fall together); `nameSimilarity` compares
 * two normalised names from 0 (unrelated) to 1 (same).
 *
 * Every rule is small and has its own unit test (tests/server/quality-names.test.ts).
 */

// ---------------------------------------------------------------------------
// Word lists

/**
 * Titles and honorifics written BEFORE a name: religious (H., Hj., K.H., Ustadz),
 * academic (Dr., Drs., Dra., Ir., Prof.), polite forms (Bpk, Ibu, Sdr, Ny., Tn.),
 * memorial (Alm., Almh.) and Javanese nobility (R., R.A., R.M., R.Ay., Raden).
 * Compared without dots.
 */
export const PREFIX_TITLES: ReadonlySet<string> = new Set([
  'H', 'HJ', 'HJH', 'HAJI', 'HAJAH', 'HAJJAH', 'HADJI', 'HADJAH', 'KH', 'KYAI', 'KIAI', 'UST', 'USTAD', 'USTADZ', 'USTADZAH', 'USTADAH',
  'DR', 'DRS', 'DRA', 'DRG', 'IR', 'PROF',
  'BPK', 'BP', 'BAPAK', 'PAK', 'IBU', 'IB', 'BU', 'SDR', 'SDRI', 'SAUDARA', 'SAUDARI', 'NY', 'NYONYA', 'TN', 'TUAN', 'NN', 'NONA',
  'ALM', 'ALMH', 'ALMARHUM', 'ALMARHUMAH',
  'R', 'RA', 'RM', 'RR', 'RAY', 'RADEN',
]);

/**
 * Academic and professional degrees written AFTER a name (S.Pd, S.E., S.H., S.Kom,
 * A.Md, M.Si …), compared without dots. A few of these could be name parts in the
 * first position (ST = Siti), which is why they are only stripped at the end.
 */
export const SUFFIX_DEGREES: ReadonlySet<string> = new Set([
  // Sarjana (S1)
  'SPD', 'SPDI', 'SPDSD', 'SE', 'SH', 'SHI', 'SKOM', 'SSOS', 'SAG', 'SKEP', 'SFARM', 'ST', 'SSI', 'SIP', 'SIKOM', 'SHUT',
  'SPT', 'SP', 'SKM', 'SKED', 'SPSI', 'SS', 'STP', 'SSTP', 'STR', 'SGZ', 'SAK', 'SANK', 'SKEB', 'STH', 'SPI', 'SSN',
  'SKG', 'SM', 'SMB', 'SSOSI', 'SFIL', 'STHI', 'SPDK',
  // Magister (S2), doctor (S3)
  'MPD', 'MSI', 'MM', 'MKES', 'MH', 'MAG', 'MT', 'MSC', 'MA', 'MBA', 'MKOM', 'MP', 'MAP', 'MPDI', 'MHUM', 'MSOS', 'MKN',
  'MEK', 'MIKOM', 'MHI', 'MSIE', 'PHD', 'DRPH',
  // Diploma (Ahli Madya / Ahli Muda) and medical specialists
  'AMD', 'AMA', 'AMAPD', 'AMDKEB', 'AMDKEP', 'AMDKES', 'AMK', 'AMKEB', 'AMKEP', 'AMDFARM', 'AMDGZ', 'AMG', 'AMF', 'AMAK',
  'SPOG', 'SPA', 'SPPD', 'SPB', 'SPM', 'SPKK', 'SPTHT', 'SPRAD', 'SPAN', 'SPS', 'SPJP', 'SPKJ', 'SPBS', 'SPU',
]);

/** Markers of a patronym: everything from them on is the father's name (`Ahmad bin Abdullah`). */
const PATRONYM = new Set(['BIN', 'BINTI', 'BINT', 'BINTE', 'BT', 'BN']);

/** Markers of an alias (`Sarinah alias Inah`): only the first name counts. */
const ALIAS = new Set(['ALIAS', 'ALS']);

/** Balinese birth-order names after which `I` (male) or `Ni` (female) is a mere gender marker, often left out. */
const BALINESE = new Set(['WAYAN', 'MADE', 'NYOMAN', 'KETUT', 'PUTU', 'GEDE', 'KADEK', 'KOMANG', 'NENGAH', 'LUH', 'GUSTI']);

/** Short forms of Muhammad (after the spelling rules): Moh., Moch., Muh., Mhd., Mohd., Md., M. */
const MUHAMMAD_SHORT = new Set(['M', 'MD', 'MH', 'MHD', 'MOH', 'MOKH', 'MUH', 'MUKH', 'MOHD', 'MUHD', 'MOKHD']);

/**
 * Spelled-out Muhammad after the spelling rules and doubled letters collapsed:
 * Muhammad, Muhamad, Mohammad, Mohamad, Mochammad (→ Mokhamad), Muhammed, Mohamed, Muchamad, Mukhamad, Muhamat …
 */
const MUHAMMAD_LONG = /^M[OU](?:K?H)?AM[AE][DT]$/;

/** Ahmad: Achmad (→ Akhmad), Akhmad, Ahmed, Ahmat, Achmat. */
const AHMAD = /^A(?:K?H)M[AE][DT]$/;

/** Whole-word replacements applied after the spelling rules and doubles collapsed (one canonical spelling each). */
const TOKEN_CANON: ReadonlyMap<string, string> = new Map([
  // Noer becomes Nur by oe→u and Noor becomes Nor by collapsing doubles
  ['NOR', 'NUR'],
  ['NURUL', 'NUR'],
  ['ABD', 'ABDUL'],
  ['ABDL', 'ABDUL'],
]);

/** `Abdur Rahman`, `Abdus Salam`, `Abdun Nasir`: the assimilated article before a following word → ABDUL. */
const ABDU_SPACED = new Set(['ABDUR', 'ABDUS', 'ABDUN', 'ABDUT', 'ABDUD', 'ABDUZ']);

/**
 * Glued Abdul- names: Abdulkadir, Abdullatif (not Abdullah = Abd + Allah), and
 * with the Arabic article assimilated to a sun letter: Abdurrahman, Abdussalam,
 * Abdunnasir (or with the doubled letter already single: Abdurahman).
 */
const ABDUL_GLUED = /^ABDUL([A-Z]{3,})$/;
const ABDU_ASSIMILATED = /^ABDU([RSNTDZ])\1?([A-Z]{2,})$/;

// ---------------------------------------------------------------------------
// Rules, each a small exported function so the tests can address it

/** Results a memo keeps before it is dropped (so memory stays flat on any file). */
const MEMO_MAX = 200_000;

/**
 * A bounded memo of a string function. `copyKey`: keep a copy of the argument as the key, not the
 * argument itself — a parser's value may be a slice of its whole input chunk, which the memo would
 * otherwise keep alive (a roster file's every chunk, hundreds of MB).
 */
function boundedMemo(compute: (s: string) => string, copyKey = false): (s: string) => string {
  const memo = new Map<string, string>();
  return (s) => {
    let hit = memo.get(s);
    if (hit === undefined) {
      hit = compute(s);
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(copyKey ? Buffer.from(s, 'utf8').toString('utf8') : s, hit);
    }
    return hit;
  };
}

const NON_ASCII = /[^\x20-\x7e]/;

/** Upper case, accents removed (É → E), and typographic apostrophes unified. */
export function foldCase(s: string): string {
  // most names are plain ASCII, where decomposing and dropping accents changes nothing
  if (!NON_ASCII.test(s)) return s.toUpperCase();
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
}

/**
 * Pre-1972 (Van Ophuijsen / Soewandi) spelling → EYD: oe→u, dj→j, tj→c, sj→sy,
 * ch→kh; and the old j (= y) → y, but only inside a word that itself shows an
 * old-spelling mark (oe, dj, tj, sj, or starts with nj): Soejono → Suyono,
 * Tjahjo → Cahyo, Njoman → Nyoman, Joesoef → Yusuf. Elsewhere a j is taken as
 * modern, because given names are usually modern even when a family name keeps
 * its old spelling (Jefri Djafar is Jefri Jafar, not Yefri). Input is upper case.
 */
export function modernSpelling(s: string): string {
  return s.replace(/[A-Z]+/g, modernWord);
}

/** Words recur across names far more than names do: each word's modern spelling is memoised. */
const modernWord = boundedMemo((w) => {
  const old = /OE|DJ|TJ|SJ|^NJ/.test(w);
  // dj is the modern j: split at it so the old-j rule cannot turn it into y
  const fix = (part: string) => {
    const t = part.replace(/OE/g, 'U').replace(/TJ/g, 'C').replace(/SJ/g, 'SY');
    return old ? t.replace(/J/g, 'Y') : t;
  };
  return w.split('DJ').map(fix).join('J').replace(/CH/g, 'KH');
});

/** Runs of one letter → one letter (Muhammad → Muhamad, Sitti → Siti, Abdullah → Abdulah). */
export function collapseDoubles(s: string): string {
  return s.replace(/([A-Z])\1+/g, '$1');
}

/**
 * Splits a name into tokens: apostrophes and backticks vanish (Ma'ruf → Maruf);
 * every other non-letter separates; a token that is a known title or degree when
 * its dots are dropped stays whole (S.Pd. → SPD, K.H. → KH), other dotted tokens
 * split at their dots (H.Ahmad → H Ahmad, M.Rizki → M Rizki).
 */
export function tokenize(upper: string): string[] {
  const out: string[] = [];
  for (const raw of upper.replace(/['`\u2018\u2019\u02BC]/g, '').split(/[\s,;/\\()[\]{}"]+/)) {
    if (!raw) continue;
    const compact = raw.replace(/[^A-Z]/g, '');
    if (compact && raw.includes('.') && (PREFIX_TITLES.has(compact) || SUFFIX_DEGREES.has(compact))) {
      out.push(compact);
      continue;
    }
    for (const part of raw.split(/[^A-Z]+/)) if (part) out.push(part);
  }
  return out;
}

/** Drops leading titles/honorifics while a name remains (Drs. H. Ahmad → Ahmad; a lone `Haji` stays). */
export function stripTitles(tokens: string[]): string[] {
  const t = [...tokens];
  while (t.length > 1 && PREFIX_TITLES.has(t[0]!)) t.shift();
  return t;
}

/** Drops trailing degrees while a name remains (Ahmad, S.Pd., M.Si → Ahmad). */
export function stripDegrees(tokens: string[]): string[] {
  const t = [...tokens];
  while (t.length > 1 && SUFFIX_DEGREES.has(t[t.length - 1]!)) t.pop();
  return t;
}

/** `Ahmad bin Abdullah` → Ahmad; `Sarinah alias Inah` → Sarinah (kept when nothing would be left). */
export function stripPatronymAndAlias(tokens: string[]): string[] {
  const i = tokens.findIndex((t, k) => k > 0 && (PATRONYM.has(t) || ALIAS.has(t)));
  return i > 0 ? tokens.slice(0, i) : tokens;
}

/** Balinese `I Wayan` / `Ni Made` → Wayan / Made (the gender marker is often left out). */
export function stripBalineseMarker(tokens: string[]): string[] {
  if (tokens.length > 1 && (tokens[0] === 'I' || tokens[0] === 'NI') && BALINESE.has(tokens[1]!)) return tokens.slice(1);
  return tokens;
}

/**
 * Splits glued Abdul- names before doubled letters are collapsed (the doubled
 * letter is where the words join): ABDULKADIR → ABDUL KADIR, ABDULLATIF → ABDUL
 * LATIF, ABDURRAHMAN → ABDUL RAHMAN, ABDUSSALAM → ABDUL SALAM; ABDULLAH stays.
 */
export function splitGluedAbdul(tokens: string[]): string[] {
  return tokens.flatMap((t) => {
    const g = ABDUL_GLUED.exec(t);
    if (g && g[1] !== 'LAH' && g[1] !== 'LOH') return ['ABDUL', g[1]!];
    const a = ABDU_ASSIMILATED.exec(t);
    if (a) return ['ABDUL', a[1]! + a[2]!];
    return [t];
  });
}

/**
 * One spelling per common name part (words already in modern spelling, doubles
 * collapsed): every spelled-out Muhammad → MUHAMMAD, and its short forms (Moh.,
 * Muh., Mhd., M.) when another word follows; Ahmad forms → AHMAD; Nurul/Noor → NUR;
 * Abd./Abdur/Abdus + word → ABDUL; St. as first word → SITI.
 */
export function canonicalTokens(tokens: string[]): string[] {
  return tokens.map((t, i) => {
    const more = i < tokens.length - 1;
    if (MUHAMMAD_LONG.test(t) || (MUHAMMAD_SHORT.has(t) && more)) return 'MUHAMMAD';
    if (AHMAD.test(t)) return 'AHMAD';
    if (t === 'ST' && i === 0 && more) return 'SITI';
    if (ABDU_SPACED.has(t) && more) return 'ABDUL';
    return TOKEN_CANON.get(t) ?? t;
  });
}

/**
 * Names repeat: in the Gorontalo roster one row in thirteen brings a name not seen before, and the
 * rules below are the largest cost of reading a roster file. A bounded memo (dropped when full, so
 * memory stays flat on any file) keeps the result of each spelling.
 */
const normaliseMemo = boundedMemo(normaliseUncached, true);

/**
 * The normalised name stored in person.name_norm: upper case, modern spelling,
 * titles/degrees/patronym dropped, doubled letters collapsed, canonical forms of
 * common name parts, single spaces. Empty when the name has no letters.
 */
export function normaliseName(raw: string | null | undefined): string {
  if (!raw) return '';
  return normaliseMemo(raw);
}

function normaliseUncached(raw: string): string {
  // Titles and degrees are recognised as written (Hj. must not become Hy. by the old-j rule),
  // then the spelling is modernised over the name that remains.
  let tokens = stripDegrees(stripTitles(tokenize(foldCase(raw))));
  tokens = modernSpelling(tokens.join(' ')).split(' ');
  tokens = stripPatronymAndAlias(tokens);
  tokens = stripBalineseMarker(tokens);
  tokens = splitGluedAbdul(tokens);
  tokens = canonicalTokens(tokens.map(collapseDoubles));
  return tokens.join(' ');
}

// ---------------------------------------------------------------------------
// Phonetic key

/**
 * A phonetic key for one normalised word, tuned to how Indonesian names vary
 * (our own small algorithm):
 *  1. digraphs: KH→H (Khairul/Hairul), SY→S (Syamsul/Samsul), DH→D (Ramadhan/
 *     Ramadan), TH→T (Fathur/Fatur), PH→F, NY→N;
 *  2. letters: F and V → P (Fitri/Pitri, Fajar/Pajar: Sulawesi and Sundanese
 *     speakers), Z→S (Zainal/Sainal), Q→K (Qodir/Kodir), X→KS, J→Y (the old j:
 *     Jusuf/Yusuf, Jahya/Yahya); C stays (Candra and Kandra are different names);
 *  3. the first letter is kept, a vowel as A (Omar/Umar, Edi/Adi); after it,
 *     vowels, Y, W and H are dropped (Fatimah/Fatima, Rahmat/Ramat, Wahyu/Wahyudi
 *     keep their consonant frame; Rizki/Rizky agree);
 *  4. runs of one consonant → one.
 */
export function wordKey(word: string): string {
  if (!word) return '';
  return wordKeyMemo(word);
}

// Memoised: names repeat a small vocabulary, and the generator and duplicate detection ask for
// the same words millions of times (a tenth of the demo's generation time before).
const wordKeyMemo = boundedMemo(wordKeyUncached);

function wordKeyUncached(word: string): string {
  const w = word
    .replace(/KH/g, 'H')
    .replace(/SY/g, 'S')
    .replace(/DH/g, 'D')
    .replace(/TH/g, 'T')
    .replace(/PH/g, 'F')
    .replace(/NY/g, 'N')
    .replace(/[FV]/g, 'P')
    .replace(/Z/g, 'S')
    .replace(/Q/g, 'K')
    .replace(/X/g, 'KS')
    .replace(/J/g, 'Y');
  const first = /[AEIOU]/.test(w[0]!) ? 'A' : w[0]!;
  return collapseDoubles(first + w.slice(1).replace(/[AEIOUYWH]/g, ''));
}

/**
 * The key of a whole normalised name: word keys sorted (word order varies:
 * Siti Aminah / Aminah Siti) and joined by spaces: two names with one key are
 * spelling variants of each other as far as these rules can tell.
 */
export function phoneticKey(norm: string): string {
  if (!norm) return '';
  return norm
    .split(' ')
    .filter(Boolean)
    .map(wordKey)
    .sort()
    .join(' ');
}

// ---------------------------------------------------------------------------
// Similarity

/** Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const ma = new Uint8Array(la);
  const mb = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (!mb[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
        ma[i] = 1;
        mb[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let k = 0;
  let half = 0;
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) half++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - half / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Below this, two words count as different words (Rizki/Rizky 0.92 count; Rizki/Rizal 0.81 do not). */
export const WORD_MATCH_MIN = 0.88;

/** Two words: 1 when equal, else Jaro-Winkler, at least 0.9 when their phonetic keys agree; 0 below WORD_MATCH_MIN. */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  let v = jaroWinkler(a, b);
  if (v < 0.9 && a.length > 1 && b.length > 1 && wordKey(a) === wordKey(b)) v = 0.9;
  return v >= WORD_MATCH_MIN ? v : 0;
}

/**
 * How much a word says about identity. Common name parts (Muhammad, Siti, Nur)
 * say little, rare ones a lot: the inverse document frequency over the roster,
 * ln(N / df). `uniformWeights` (every word 1) serves where no roster is at hand.
 */
export type WordWeight = (word: string) => number;
export const uniformWeights: WordWeight = () => 1;

/** IDF weights from word counts over `total` names; unseen words weigh as if seen once. Floor 0.1 so no word is free. */
export function idfWeights(counts: ReadonlyMap<string, number>, total: number): WordWeight {
  const n = Math.max(total, 1);
  return (w) => Math.max(0.1, Math.log((n + 1) / ((counts.get(w) ?? 1) + 0.5)));
}

/**
 * Similarity of two normalised names, 0–1. Names differing only in spacing
 * (Nurhayati / Nur Hayati, Abdul Lah / Abdullah) score 1. Otherwise a symmetric
 * soft-TF-IDF: each word of either name is matched to its most similar word of
 * the other (wordSimilarity), and the matches are averaged with the words'
 * weights over all words of both names, so a dropped or different word costs
 * its weight and a shared common word (Muhammad) earns little. Word order does
 * not matter. `wordSim` lets a caller memoise word pairs (NameMatcher).
 */
export function nameSimilarity(
  normA: string,
  normB: string,
  weight: WordWeight = uniformWeights,
  wordSim: (a: string, b: string) => number = wordSimilarity,
): number {
  if (!normA || !normB) return 0;
  // glued and re-collapsed: Abdul Lah / Abdulah, Nur Hayati / Nurhayati
  if (normA === normB || collapseDoubles(normA.replace(/ /g, '')) === collapseDoubles(normB.replace(/ /g, ''))) return 1;
  const ta = normA.split(' ');
  const tb = normB.split(' ');
  let num = 0;
  let den = 0;
  const side = (xs: string[], ys: string[]) => {
    for (const x of xs) {
      const w = weight(x);
      let best = 0;
      for (const y of ys) {
        const v = wordSim(x, y);
        if (v > best) best = v;
      }
      num += w * best;
      den += w;
    }
  };
  side(ta, tb);
  side(tb, ta);
  return den > 0 ? num / den : 0;
}

interface NameInfo {
  /** word ids */
  ids: number[];
  /** word weights, same order */
  w: number[];
  /** the name glued and re-collapsed (spacing variants compare equal) */
  glued: string;
  /** sorted phonetic key */
  key: string;
}

/**
 * nameSimilarity and friends with everything memoised: words get integer ids, each
 * distinct name is split, weighed and keyed once, and each word pair is compared once.
 * A roster has a few tens of thousands of distinct words, so across hundreds of thousands
 * of candidate pairs most comparisons repeat. Results equal nameSimilarity's.
 */
export class NameMatcher {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly weights: number[] = [];
  private readonly names = new Map<string, NameInfo>();
  private readonly pairs = new Map<number, number>();

  constructor(private readonly weightOf: WordWeight = uniformWeights) {}

  private id(word: string): number {
    let i = this.ids.get(word);
    if (i === undefined) {
      i = this.words.length;
      this.ids.set(word, i);
      this.words.push(word);
      this.weights.push(this.weightOf(word));
    }
    return i;
  }

  private info(norm: string): NameInfo {
    let n = this.names.get(norm);
    if (n === undefined) {
      if (this.names.size > 1_000_000) this.names.clear(); // bounded memory on huge rosters
      const parts = norm.split(' ');
      const ids: number[] = [];
      const w: number[] = [];
      for (const part of parts) {
        const i = this.id(part);
        ids.push(i);
        w.push(this.weights[i]!);
      }
      n = { ids, w, glued: collapseDoubles(norm.replace(/ /g, '')), key: phoneticKey(norm) };
      this.names.set(norm, n);
    }
    return n;
  }

  private wordSim(a: number, b: number): number {
    if (a === b) return 1;
    const k = a < b ? a * 16_777_216 + b : b * 16_777_216 + a;
    let v = this.pairs.get(k);
    if (v === undefined) {
      if (this.pairs.size > 4_000_000) this.pairs.clear();
      v = wordSimilarity(this.words[a]!, this.words[b]!);
      this.pairs.set(k, v);
    }
    return v;
  }

  /** Sum over the words of `xs` of weight × best similarity to a word of `ys`. */
  private side(xs: NameInfo, ys: NameInfo): number {
    let sum = 0;
    for (let i = 0; i < xs.ids.length; i++) {
      let best = 0;
      for (let j = 0; j < ys.ids.length && best < 1; j++) {
        const v = this.wordSim(xs.ids[i]!, ys.ids[j]!);
        if (v > best) best = v;
      }
      sum += xs.w[i]! * best;
    }
    return sum;
  }

  /**
   * similarity: as nameSimilarity. information: how much the agreeing part of the two
   * names says, in nats — for each name the summed weights (IDF: ln of how rare a word
   * is) of its words that match a word of the other (scaled by how well), the smaller of
   * the two sums. Two persons called Rahmat share little information (a common name), two
   * called Rahma Nurjanah Kaluku a lot. sameKey: the phonetic keys agree.
   */
  compare(normA: string, normB: string): { similarity: number; information: number; sameKey: boolean } {
    if (!normA || !normB) return { similarity: 0, information: 0, sameKey: false };
    const a = this.info(normA);
    const b = this.info(normB);
    let ta = 0;
    let tb = 0;
    for (const x of a.w) ta += x;
    for (const x of b.w) tb += x;
    if (normA === normB || a.glued === b.glued) return { similarity: 1, information: Math.min(ta, tb), sameKey: a.key === b.key };
    const sa = this.side(a, b);
    const sb = this.side(b, a);
    const den = ta + tb;
    return { similarity: den > 0 ? (sa + sb) / den : 0, information: Math.min(sa, sb), sameKey: a.key === b.key };
  }

  similarity(normA: string, normB: string): number {
    return this.compare(normA, normB).similarity;
  }

  information(normA: string, normB: string): number {
    return this.compare(normA, normB).information;
  }
}
