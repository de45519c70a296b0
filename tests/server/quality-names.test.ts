import { describe, expect, it } from 'vitest';
import {
  canonicalTokens,
  collapseDoubles,
  foldCase,
  idfWeights,
  jaroWinkler,
  NameMatcher,
  modernSpelling,
  nameSimilarity,
  normaliseName,
  phoneticKey,
  splitGluedAbdul,
  stripBalineseMarker,
  stripDegrees,
  stripPatronymAndAlias,
  stripTitles,
  tokenize,
  wordKey,
  wordSimilarity,
} from '../../server/src/modules/quality/names';

describe('foldCase', () => {
  it('upper-cases and removes accents', () => {
    expect(foldCase('Andréa Söekarno')).toBe('ANDREA SOEKARNO');
  });
});

describe('tokenize', () => {
  it('drops apostrophes inside words', () => {
    expect(tokenize("MA'RUF AMIN")).toEqual(['MARUF', 'AMIN']);
    expect(tokenize('MA`RUF')).toEqual(['MARUF']);
    expect(tokenize('MA\u2019RUF')).toEqual(['MARUF']);
  });
  it('splits at spaces, hyphens, commas, dots and digits', () => {
    expect(tokenize('NUR-HIDAYAH,  SITI  2')).toEqual(['NUR', 'HIDAYAH', 'SITI']);
    expect(tokenize('H.AHMAD')).toEqual(['H', 'AHMAD']);
    expect(tokenize('M.RIZKI')).toEqual(['M', 'RIZKI']);
  });
  it('keeps dotted titles and degrees whole', () => {
    expect(tokenize('K.H. AHMAD, S.PD.I')).toEqual(['KH', 'AHMAD', 'SPDI']);
    expect(tokenize('A.MD.KEP')).toEqual(['AMDKEP']);
  });
});

describe('stripTitles (leading titles and honorifics)', () => {
  it.each([
    [['H', 'AHMAD'], ['AHMAD']],
    [['HJ', 'SITI'], ['SITI']],
    [['DRS', 'H', 'AHMAD'], ['AHMAD']],
    [['DRA', 'FATIMAH'], ['FATIMAH']],
    [['IR', 'JOKO'], ['JOKO']],
    [['DR', 'JOKO'], ['JOKO']],
    [['PROF', 'DR', 'JOKO'], ['JOKO']],
    [['KH', 'HASYIM'], ['HASYIM']],
    [['USTADZ', 'ABDUL'], ['ABDUL']],
    [['BPK', 'AHMAD'], ['AHMAD']],
    [['BAPAK', 'AHMAD'], ['AHMAD']],
    [['IBU', 'SITI'], ['SITI']],
    [['SDR', 'RUDI'], ['RUDI']],
    [['NY', 'SITI'], ['SITI']],
    [['ALM', 'RUDI'], ['RUDI']],
    [['ALMH', 'SITI'], ['SITI']],
    [['R', 'SUPRAPTO'], ['SUPRAPTO']],
    [['RA', 'KARTINI'], ['KARTINI']],
  ])('%j → %j', (input, out) => {
    expect(stripTitles(input)).toEqual(out);
  });
  it('keeps a title that is the whole name', () => {
    expect(stripTitles(['HAJI'])).toEqual(['HAJI']);
  });
  it('only strips at the start', () => {
    expect(stripTitles(['AHMAD', 'H'])).toEqual(['AHMAD', 'H']);
  });
});

describe('stripDegrees (trailing degrees)', () => {
  it.each([
    [['AHMAD', 'SPD'], ['AHMAD']],
    [['AHMAD', 'SE'], ['AHMAD']],
    [['AHMAD', 'SH'], ['AHMAD']],
    [['AHMAD', 'SKOM'], ['AHMAD']],
    [['AHMAD', 'AMD'], ['AHMAD']],
    [['AHMAD', 'SPD', 'MSI'], ['AHMAD']],
    [['SITI', 'AMDKEB'], ['SITI']],
  ])('%j → %j', (input, out) => {
    expect(stripDegrees(input)).toEqual(out);
  });
  it('keeps a degree-like first word (St. = Siti) and a name that would vanish', () => {
    expect(stripDegrees(['ST', 'AMINAH'])).toEqual(['ST', 'AMINAH']);
    expect(stripDegrees(['SE'])).toEqual(['SE']);
  });
});

describe('modernSpelling (pre-1972 spelling)', () => {
  it('oe → u', () => expect(modernSpelling('SOEKARNO')).toBe('SUKARNO'));
  it('dj → j', () => expect(modernSpelling('DJOKO')).toBe('JOKO'));
  it('tj → c', () => expect(modernSpelling('TJAHAJA')).toBe('CAHAYA'));
  it('sj → sy', () => expect(modernSpelling('SJAHRIR')).toBe('SYAHRIR'));
  it('ch → kh', () => expect(modernSpelling('CHAIRUL')).toBe('KHAIRUL'));
  it('old j → y when the name shows old spelling', () => {
    expect(modernSpelling('SOEJONO')).toBe('SUYONO');
    expect(modernSpelling('TJAHJONO')).toBe('CAHYONO');
    expect(modernSpelling('NJOMAN')).toBe('NYOMAN');
  });
  it('the j from dj stays j under the old-j rule', () => {
    expect(modernSpelling('DJOJO')).toBe('JOYO');
  });
  it('j stays j in modern spelling', () => {
    expect(modernSpelling('JOKO')).toBe('JOKO');
    expect(modernSpelling('ANJAR')).toBe('ANJAR');
  });
  it('the old-j rule holds only inside the word that shows old spelling', () => {
    expect(modernSpelling('JEFRI DJAFAR')).toBe('JEFRI JAFAR');
    expect(modernSpelling('JUNAIDI BILONDATOE')).toBe('JUNAIDI BILONDATU');
    expect(modernSpelling('JOESOEF')).toBe('YUSUF');
  });
});

describe('collapseDoubles', () => {
  it('runs of one letter become one', () => {
    expect(collapseDoubles('MUHAMMAD')).toBe('MUHAMAD');
    expect(collapseDoubles('SITTI')).toBe('SITI');
    expect(collapseDoubles('ABDULLAH')).toBe('ABDULAH');
    expect(collapseDoubles('NOOR')).toBe('NOR');
  });
});

describe('stripPatronymAndAlias', () => {
  it('bin / binti / bt and what follows go', () => {
    expect(stripPatronymAndAlias(['AHMAD', 'BIN', 'ABDULLAH'])).toEqual(['AHMAD']);
    expect(stripPatronymAndAlias(['SITI', 'BINTI', 'HASAN'])).toEqual(['SITI']);
    expect(stripPatronymAndAlias(['SITI', 'BT', 'HASAN'])).toEqual(['SITI']);
  });
  it('alias and what follows go', () => {
    expect(stripPatronymAndAlias(['SARINAH', 'ALIAS', 'INAH'])).toEqual(['SARINAH']);
    expect(stripPatronymAndAlias(['SARINAH', 'ALS', 'INAH'])).toEqual(['SARINAH']);
  });
  it('a name starting with Bin stays', () => {
    expect(stripPatronymAndAlias(['BINTI'])).toEqual(['BINTI']);
  });
});

describe('stripBalineseMarker', () => {
  it('I / Ni before a Balinese birth-order name go', () => {
    expect(stripBalineseMarker(['I', 'WAYAN', 'SUDIRTA'])).toEqual(['WAYAN', 'SUDIRTA']);
    expect(stripBalineseMarker(['NI', 'MADE', 'SARI'])).toEqual(['MADE', 'SARI']);
  });
  it('other uses stay', () => {
    expect(stripBalineseMarker(['NI', 'LUH'])).toEqual(['LUH']);
    expect(stripBalineseMarker(['I', 'GUSTI'])).toEqual(['GUSTI']);
    expect(stripBalineseMarker(['NI', 'AMINAH'])).toEqual(['NI', 'AMINAH']);
  });
});

describe('splitGluedAbdul', () => {
  it.each([
    ['ABDULKADIR', ['ABDUL', 'KADIR']],
    ['ABDULLATIF', ['ABDUL', 'LATIF']],
    ['ABDURRAHMAN', ['ABDUL', 'RAHMAN']],
    ['ABDURAHMAN', ['ABDUL', 'RAHMAN']],
    ['ABDUSSALAM', ['ABDUL', 'SALAM']],
    ['ABDULLAH', ['ABDULLAH']],
    ['ABDULAH', ['ABDULAH']],
  ])('%s → %j', (t, out) => expect(splitGluedAbdul([t])).toEqual(out));
});

describe('canonicalTokens', () => {
  it.each(['MUHAMAD', 'MOHAMAD', 'MOKHAMAD', 'MUKHAMAD', 'MUHAMED', 'MOHAMED', 'MUHAMAT'])('%s → MUHAMMAD', (t) => {
    expect(canonicalTokens([t])).toEqual(['MUHAMMAD']);
  });
  it.each(['M', 'MOH', 'MOKH', 'MUH', 'MHD', 'MOHD', 'MD'])('short %s → MUHAMMAD when a word follows', (t) => {
    expect(canonicalTokens([t, 'RIZKI'])).toEqual(['MUHAMMAD', 'RIZKI']);
    expect(canonicalTokens(['RIZKI', t])).toEqual(['RIZKI', t]);
  });
  it.each(['AHMAD', 'AKHMAD', 'AHMED', 'AHMAT'])('%s → AHMAD', (t) => expect(canonicalTokens([t])).toEqual(['AHMAD']));
  it('Nur forms', () => {
    expect(canonicalTokens(['NURUL', 'HUDA'])).toEqual(['NUR', 'HUDA']);
    expect(canonicalTokens(['NOR', 'HIDAYAH'])).toEqual(['NUR', 'HIDAYAH']);
  });
  it('Abd. / Abdur / Abdus + word → ABDUL', () => {
    expect(canonicalTokens(['ABD', 'RAHMAN'])).toEqual(['ABDUL', 'RAHMAN']);
    expect(canonicalTokens(['ABDUR', 'RAHMAN'])).toEqual(['ABDUL', 'RAHMAN']);
    expect(canonicalTokens(['ABDUS', 'SALAM'])).toEqual(['ABDUL', 'SALAM']);
  });
  it('St. as first word → SITI', () => {
    expect(canonicalTokens(['ST', 'AMINAH'])).toEqual(['SITI', 'AMINAH']);
  });
});

describe('normaliseName (the whole pipeline)', () => {
  it.each([
    ['Drs. H. Achmad Soekarno, S.Pd., M.Si', 'AHMAD SUKARNO'],
    ['Hj. Siti Noerhajati', 'SITI NURHAYATI'],
    ['MOH. RIZKI', 'MUHAMMAD RIZKI'],
    ['M. Rizki', 'MUHAMMAD RIZKI'],
    ['Mohammad Rizki', 'MUHAMMAD RIZKI'],
    ['Mochammad Djoko Tjahjono', 'MUHAMMAD JOKO CAHYONO'],
    ['Abdurrahman bin Ali', 'ABDUL RAHMAN'],
    ['ABDULLATIF', 'ABDUL LATIF'],
    ['I Wayan Sudirta', 'WAYAN SUDIRTA'],
    ["Ma'ruf  Amin", 'MARUF AMIN'],
    ['Nurul Huda', 'NUR HUDA'],
    ['Noor Hidayah', 'NUR HIDAYAH'],
    ['St. Aminah', 'SITI AMINAH'],
    ['Sitti Rahmah', 'SITI RAHMAH'],
    ['Bpk. Chairul Tandjung, S.E.', 'KHAIRUL TANJUNG'],
    ['  sri   wahyuni  ', 'SRI WAHYUNI'],
  ])('%j → %s', (raw, norm) => expect(normaliseName(raw)).toBe(norm));
  it('empty and letterless names give an empty string', () => {
    expect(normaliseName('')).toBe('');
    expect(normaliseName(null)).toBe('');
    expect(normaliseName(' - 12 ')).toBe('');
  });
  it('Hj. is recognised before the old-j rule could touch it', () => {
    expect(normaliseName('Hj. Soejati')).toBe('SUYATI');
  });
});

describe('wordKey / phoneticKey', () => {
  it.each([
    ['KHAIRUL', 'HAIRUL'],
    ['SYAMSUL', 'SAMSUL'],
    ['RAMADHAN', 'RAMADAN'],
    ['FATHUR', 'FATUR'],
    ['FITRI', 'PITRI'],
    ['ZAINAL', 'SAINAL'],
    ['QODIR', 'KODIR'],
    ['OMAR', 'UMAR'],
    ['FATIMAH', 'FATIMA'],
    ['RIZKI', 'RIZKY'],
    ['NYOMAN', 'NOMAN'],
    ['JUSUF', 'YUSUF'],
  ])('%s and %s share a key', (a, b) => expect(wordKey(a)).toBe(wordKey(b)));
  it.each([
    ['CANDRA', 'KANDRA'],
    ['RIZKI', 'RIZAL'],
    ['BUDI', 'BUDIMAN'],
  ])('%s and %s differ', (a, b) => expect(wordKey(a)).not.toBe(wordKey(b)));
  it('the name key sorts word keys (word order is free)', () => {
    expect(phoneticKey('SITI AMINAH')).toBe(phoneticKey('AMINAH SITI'));
    expect(phoneticKey('SITI AMINAH')).toBe('AMN ST');
    expect(phoneticKey('')).toBe('');
  });
});

describe('similarity', () => {
  it('Jaro-Winkler on textbook pairs', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('ABC', 'XYZ')).toBe(0);
    expect(jaroWinkler('', '')).toBe(0);
  });
  it('word similarity: equal 1, key agreement ≥ 0.9, unlike words 0', () => {
    expect(wordSimilarity('RIZKI', 'RIZKI')).toBe(1);
    expect(wordSimilarity('FITRI', 'PITRI')).toBeGreaterThanOrEqual(0.9);
    expect(wordSimilarity('RIZKI', 'RIZAL')).toBe(0);
  });
  it('names differing only in spacing are the same', () => {
    expect(nameSimilarity('NURHAYATI', 'NUR HAYATI')).toBe(1);
    // doubles collapse again after gluing: Abdul Lah / Abdulah (Abdullah)
    expect(nameSimilarity('ARIFIN ABDUL LAH', 'ARIFIN ABDULAH')).toBe(1);
  });
  it('word order does not matter', () => {
    expect(nameSimilarity('SITI AMINAH', 'AMINAH SITI')).toBe(1);
  });
  it('a shared common word alone is weak evidence, a rare one strong', () => {
    const counts = new Map([
      ['MUHAMMAD', 5000],
      ['RIZKI', 40],
      ['RIZAL', 40],
      ['HIDAYAT', 30],
    ]);
    const w = idfWeights(counts, 100_000);
    expect(nameSimilarity('MUHAMMAD RIZKI', 'MUHAMMAD RIZAL', w)).toBeLessThan(0.3);
    expect(nameSimilarity('RIZKI HIDAYAT', 'RIZKY HIDAYAT', w)).toBeGreaterThan(0.95);
    // the same pair with uniform weights: Muhammad counts as much as Rizki
    expect(nameSimilarity('MUHAMMAD RIZKI', 'MUHAMMAD RIZAL')).toBeCloseTo(0.5, 5);
  });
  it('a dropped word costs its weight', () => {
    expect(nameSimilarity('AHMAD', 'AHMAD FAUZI')).toBeCloseTo(2 / 3, 5);
  });
  it('empty names are not similar', () => {
    expect(nameSimilarity('', 'AHMAD')).toBe(0);
  });
});

describe('NameMatcher', () => {
  const counts = new Map([
    ['RAHMAT', 2000],
    ['RAHMA', 300],
    ['KALUKU', 20],
  ]);
  const m = new NameMatcher(idfWeights(counts, 1_250_000));
  it('memoised similarity equals the plain one', () => {
    const w = idfWeights(counts, 1_250_000);
    expect(m.similarity('RAHMA KALUKU', 'RAHMAT KALUKU')).toBeCloseTo(nameSimilarity('RAHMA KALUKU', 'RAHMAT KALUKU', w), 12);
    expect(m.similarity('NURHAYATI', 'NUR HAYATI')).toBe(1);
  });
  it('information: the IDF (nats) of the agreeing words, the smaller side', () => {
    // ln((N + 1) / (df + 0.5)) per word
    const idf = (df: number) => Math.log(1_250_001 / (df + 0.5));
    expect(m.information('RAHMAT', 'RAHMAT')).toBeCloseTo(idf(2000), 9);
    expect(m.information('RAHMA KALUKU', 'RAHMA KALUKU')).toBeCloseTo(idf(300) + idf(20), 9);
    // only Kaluku agrees (Rahma / Rahmat 0.97): Rahma counts by its similarity
    expect(m.information('RAHMA KALUKU', 'KALUKU')).toBeCloseTo(idf(20), 9);
    expect(m.information('', 'KALUKU')).toBe(0);
  });
});
