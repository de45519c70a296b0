import type { Culture } from './areas';
import type { Rng } from './rng';

/**
 * Name pools for synthetic persons, upper case as on a KTP/KK.
 *
 * Gorontalo: Islamic given names plus a family name (fam/marga-like, passed from
 * father to children; a wife keeps her own). Java (Purworejo, Gresik): mostly
 * Javanese names without a family name, Gresik more Arabic-Islamic ones.
 * Samarinda: Banjar, Bugis and Kutai names mixed with Javanese migrants.
 * People born before about 1960 more often carry the pre-1972 spelling
 * (Soeparman, Djafar, Tjipto): the variants a deduplicator has to see through.
 * Earlier entries are drawn more often (a Zipf-like weight).
 */

interface Pools {
  male: readonly string[];
  female: readonly string[];
  /** first words of two-word given names */
  malePrefix: readonly string[];
  femalePrefix: readonly string[];
  /** second words of two-word given names (Javanese compound names) */
  maleSecond: readonly string[];
  femaleSecond: readonly string[];
  oldMale: readonly string[];
  oldFemale: readonly string[];
  surnames: readonly string[];
  /** share of persons with a family name */
  surnameShare: number;
}

const ISLAMIC_MALE = [
  'RAHMAT', 'YUSUF', 'ISMAIL', 'HASAN', 'RIZAL', 'FADLI', 'ARDIANSYAH', 'SAHRUL', 'IRFAN', 'RISKI', 'RIZKY', 'ARIFIN',
  'HENDRA', 'FIRMAN', 'ALIMUDIN', 'RAMLI', 'JUNAIDI', 'ISKANDAR', 'SYAMSUL', 'HAMID', 'SALIM', 'ZULKIFLI', 'RUSDI',
  'SAIFUL', 'WAHYUDI', 'JEFRI', 'RIVALDI', 'FAHRUL', 'YAMIN', 'ARSYAD', 'NASIR', 'HARUN', 'RAHMAN', 'HUSIN', 'TAUFIK',
  'HARIS', 'RONI', 'ADRIAN', 'IDRIS', 'SUPRIYADI', 'SUMARDI', 'RAHIM', 'FAJAR', 'ILHAM', 'AKBAR', 'ALDI', 'FIKRI',
  'HIDAYAT', 'KURNIAWAN', 'MUKSIN', 'NURDIN', 'RAFLI', 'SAMSUDIN', 'SUDIRMAN', 'YUNUS', 'ZAINAL', 'ABUBAKAR', 'ANWAR',
  'BAHTIAR', 'DARWIS', 'EFENDI', 'HAMZAH', 'IKBAL', 'JAMALUDIN', 'LUKMAN', 'MASRI', 'NIZAR', 'RAMADAN', 'SOFYAN',
  'USMAN', 'YASIN', 'ZAKARIA',
];

const ISLAMIC_FEMALE = [
  'NURHAYATI', 'FATMAWATI', 'RAHMAWATI', 'YULIANTI', 'HADIJAH', 'RISNAWATI', 'SARTIN', 'NURAIN', 'YUSNA', 'HASNA',
  'MARYAM', 'ASNI', 'RUSNI', 'WIWIN', 'YANTI', 'SUSANTI', 'NINGSIH', 'ROSMIN', 'HERLINA', 'KARTINI', 'MASITA', 'NURMA',
  'SUHARTI', 'ASTUTI', 'FITRI', 'DEWI', 'NOVITA', 'SALMA', 'ZAINAB', 'AISYAH', 'HALIMA', 'SRIYANTI', 'MERLIN',
  'SAFITRI', 'WAHYUNI', 'RINI', 'FATMA', 'RAHMA', 'HASNAWATI', 'NURLELA', 'ARNI', 'MISRA', 'NURJANAH', 'RAHMI',
  'SUKMAWATI', 'WIDYA', 'YULI', 'ANISA', 'FADILA', 'INDAH', 'JUMRIA', 'LISNA', 'MAGFIRAH', 'NAJWA', 'PUTRI',
  'RESTI', 'SUMARNI', 'TRIANA', 'ULFA', 'WINDA', 'ZAHRA', 'AMINAH', 'HALIMAH', 'KHADIJAH', 'MARIAM', 'RUKAYA',
];

/** Common Gorontalo family names (fam): Hasan, Mohamad, Pakaya, Panigoro, Gobel, Katili … */
const GORONTALO_SURNAMES = [
  'HASAN', 'MOHAMAD', 'ABDULLAH', 'ISMAIL', 'DAUD', 'PAKAYA', 'PANIGORO', 'GOBEL', 'KATILI', 'MOODUTO', 'LAMATO', 'BIYA',
  'HULOPI', 'DUNGGIO', 'TANGAHU', 'USMAN', 'YUSUF', 'ALI', 'UMAR', 'BAU', 'BAKARI', 'DJAFAR', 'IBRAHIM', 'KADIR',
  'LAHAY', 'LATIF', 'NENTO', 'OLII', 'POMALINGO', 'PATEDA', 'RAHIM', 'SALEH', 'TULI', 'WARTABONE', 'YUNUS', 'HUSAIN',
  'HAMZAH', 'DAI', 'DETU', 'TALIB', 'BOTUTIHE', 'NUSI', 'MOHA', 'DATAU', 'POLAPA', 'KASIM', 'SULEMAN', 'AHMAD',
  'HABIBIE', 'PULUHULAWA', 'ADAM', 'ALULU', 'BUMULO', 'GANI', 'HIPPY', 'KALUKU', 'LABANTO', 'MOINTI', 'NANI',
  'PARAMATA', 'TOMAYAHU', 'UNO', 'MAKU', 'SALILAMA', 'HUNTOYUNGO', 'ANTULI', 'BILONDATU', 'BOKINGO', 'DJAKARIA',
  'GUSASI', 'HIOLA', 'IDRUS', 'KAMARU', 'LAIYA', 'MAHMUD', 'NAKI', 'PODUNGGE', 'TILOME', 'USULU', 'YASIN', 'MOOTALU',
  'DAMA', 'TUMBA', 'LIPUTO', 'MANOPO', 'BADU', 'TAMU', 'HULIMA', 'POHE', 'HUSA', 'AKUBA', 'NOHO', 'DUNDA', 'PAUTINA',
];

const JAVA_MALE = [
  'SLAMET', 'SUTRISNO', 'SUPARMAN', 'SUGENG', 'WAHYUDI', 'SUPRIYADI', 'PARNO', 'WAGIMAN', 'SUGIYONO', 'PRIYONO',
  'DARSONO', 'KUSNADI', 'TEGUH', 'HARYANTO', 'RIYANTO', 'MUJIONO', 'SUKIRMAN', 'PAIMAN', 'SARDI', 'MARYONO', 'SUYATNO',
  'SUBAGYO', 'SUWARNO', 'SUMARNO', 'KARYONO', 'TUGIMAN', 'SUKARDI', 'WALUYO', 'SISWANTO', 'PURWANTO', 'SUHARTO',
  'JUMADI', 'RUSMAN', 'SAMSURI', 'ROHMAN', 'KHOIRUL', 'IMAM', 'SHOLEH', 'SYAIFUL', 'FAIZAL', 'ROFIQ', 'HUDA',
  'MUKHLIS', 'ZAINUDIN', 'ARIFIN', 'HIDAYAT', 'RIZKY', 'FAJAR', 'DIMAS', 'ADITYA', 'BAYU', 'ILHAM', 'YUSUF', 'HASAN',
];

const JAVA_FEMALE = [
  'SUMIYATI', 'SUPARTI', 'ENDANG', 'LESTARI', 'WAHYUNI', 'SUKINAH', 'PARTINAH', 'TUMINAH', 'SULASTRI', 'WARSIH',
  'SUMINAH', 'RUSMINI', 'KASIYEM', 'TUKIYEM', 'YULI', 'RATNA', 'SRIYATUN', 'MUJIATI', 'PONIYEM', 'SUWARTI',
  'SITI AMINAH', 'MARYATI', 'SUPINAH', 'NGATINAH', 'SUTINAH', 'KHOTIJAH', 'MUSLIMAH', 'ROHMAH', 'FATIMAH', 'NURUL',
  'UMI', 'ANIK', 'ENDAH', 'RINI', 'TITIK', 'WIDARTI', 'YATMI', 'SURATMI', 'ISTIQOMAH', 'LAILATUL', 'NOVI', 'PUTRI',
  'AYU', 'DESI', 'INDAH', 'ANISA', 'FITRIA', 'SAFITRI',
];

const JAVA_MALE_PREFIX = ['AGUS', 'BUDI', 'EKO', 'DWI', 'TRI', 'JOKO', 'ADI', 'HERU', 'BAMBANG', 'TEGUH', 'SLAMET', 'MUHAMMAD', 'MOCH.', 'AHMAD', 'ABDUL', 'NUR'];
const JAVA_MALE_SECOND = [
  'SETIAWAN', 'SANTOSO', 'PRASETYO', 'NUGROHO', 'WIBOWO', 'RIYANTO', 'HARYANTO', 'SUSANTO', 'PURNOMO', 'WIDODO',
  'SAPUTRO', 'KURNIAWAN', 'HIDAYAT', 'SUGIARTO', 'WAHYUDI', 'PRAYITNO', 'RAHMAN', 'KHOLIL', 'ROSYID', 'MUKHLISIN',
];
const JAVA_FEMALE_PREFIX = ['SRI', 'SITI', 'DWI', 'TRI', 'NUR', 'ENDANG', 'RETNO', 'DEWI', 'EKA', 'PUJI'];
const JAVA_FEMALE_SECOND = [
  'WAHYUNI', 'LESTARI', 'RAHAYU', 'ASTUTI', 'HARTATI', 'MULYANI', 'HANDAYANI', 'SURYANI', 'PURWANTI', 'SETYOWATI',
  'KHASANAH', 'AMINAH', 'FATIMAH', 'SUSANTI', 'WULANDARI', 'NINGSIH', 'LATIFAH', 'ROHMAWATI', 'KHOIRIYAH', 'UTAMI',
];

const KALTIM_MALE = [
  'SYAHRANI', 'ARIANSYAH', 'NORDIN', 'HAERUDDIN', 'BAHRUL', 'SUPRIANSYAH', 'ARBAIN', 'RUSLAN', 'JUMADI', 'SAMSUDIN',
  'RAHMAN', 'ASRANI', 'GUSTI', 'HAMSYAH', 'JAILANI', 'MASRANI', 'NURDIN', 'RUSMADI', 'SYAMSUDIN', 'YUSRAN', 'ZULKIFLI',
  'ABDULLAH', 'AMIRUDDIN', 'BASRI', 'DARMAWAN', 'FIRDAUS', 'HASANUDDIN', 'IRWAN', 'KAHAR', 'MUSLIMIN', 'RIDWAN',
  'SAFRUDDIN', 'SUKARDI', 'TAUFIK', 'WAHYUDI', 'RIZKY', 'FAJAR', 'ILHAM', 'AKBAR', 'REZA', 'DIMAS', 'ADITYA',
];
const KALTIM_FEMALE = [
  'NORHAYATI', 'NORJANAH', 'RAHMAH', 'MASNAH', 'HAMIDAH', 'JUBAIDAH', 'RUSMINI', 'MARLIANI', 'FITRIANI', 'HERLINA',
  'NORLAILA', 'HASNAH', 'SALMAH', 'RAHMAWATI', 'SUMIATI', 'HASANAH', 'MURNI', 'ASMAH', 'JAMILAH', 'KHAIRUNNISA',
  'MAIMUNAH', 'NURHAYATI', 'RATNA', 'SANTI', 'YULIANA', 'DEWI', 'PUTRI', 'ANISA', 'NADIA', 'SALSABILA',
];
const KALTIM_MALE_PREFIX = ['MUHAMMAD', 'M.', 'AHMAD', 'ABDUL', 'ANDI', 'GUSTI', 'NOR', 'AGUS', 'BUDI'];
const KALTIM_FEMALE_PREFIX = ['SITI', 'NOR', 'NUR', 'ANDI', 'SRI', 'DEWI'];
const KALTIM_SURNAMES = ['ALI', 'HASAN', 'IBRAHIM', 'SALEH', 'MAHMUD', 'RASYID', 'ARSYAD', 'BAKRI', 'LATIF', 'SYARIF', 'MUIS', 'AMIN'];

const OLD_MALE_JAVA = ['SOEPARMAN', 'SOEWARNO', 'DJOKO', 'TJIPTO', 'SOEKARDI', 'SOEMARNO', 'SOETRISNO', 'DJUMADI', 'SOEGIJONO', 'TJAHJONO', 'SOEHARTO', 'SOEDJONO'];
const OLD_FEMALE_JAVA = ['SOEMARNI', 'SOEKINAH', 'DJUMINAH', 'SOEPARTI', 'TJITJIH', 'SOEWARTI', 'SOETINAH', 'DJAMILAH'];
const OLD_MALE_ISLAMIC = ['DJAFAR', 'DJAMALUDIN', 'DJUMADI', 'ABDOEL', 'MOEHAMAD', 'JOESOEF', 'DJAMAL', 'TJUT', 'SJAMSUL', 'DJAKARIA', 'ACHMAD', 'MOCHTAR'];
const OLD_FEMALE_ISLAMIC = ['DJULAIHA', 'DJAMILA', 'SOENARTI', 'DJUBAEDAH', 'NOERHAYATI', 'SITTI', 'DJAENAB', 'SOEHARTI'];

const POOLS: Record<Culture, Pools> = {
  gorontalo: {
    male: ISLAMIC_MALE,
    female: ISLAMIC_FEMALE,
    malePrefix: ['MOHAMAD', 'MUHAMMAD', 'MOH.', 'AHMAD', 'ABDUL', 'NUR', 'M.'],
    femalePrefix: ['SITI', 'NUR', 'SRI', 'FATMA', 'RAHMA'],
    maleSecond: ISLAMIC_MALE,
    femaleSecond: ISLAMIC_FEMALE,
    oldMale: OLD_MALE_ISLAMIC,
    oldFemale: OLD_FEMALE_ISLAMIC,
    surnames: GORONTALO_SURNAMES,
    surnameShare: 0.88,
  },
  jawa: {
    male: JAVA_MALE,
    female: JAVA_FEMALE,
    malePrefix: JAVA_MALE_PREFIX,
    femalePrefix: JAVA_FEMALE_PREFIX,
    maleSecond: JAVA_MALE_SECOND,
    femaleSecond: JAVA_FEMALE_SECOND,
    oldMale: OLD_MALE_JAVA,
    oldFemale: OLD_FEMALE_JAVA,
    surnames: [],
    surnameShare: 0,
  },
  kaltim: {
    male: [...KALTIM_MALE, ...JAVA_MALE.slice(0, 20)],
    female: [...KALTIM_FEMALE, ...JAVA_FEMALE.slice(0, 15)],
    malePrefix: KALTIM_MALE_PREFIX,
    femalePrefix: KALTIM_FEMALE_PREFIX,
    maleSecond: [...KALTIM_MALE, ...JAVA_MALE_SECOND],
    femaleSecond: [...KALTIM_FEMALE, ...JAVA_FEMALE_SECOND],
    oldMale: [...OLD_MALE_ISLAMIC, ...OLD_MALE_JAVA.slice(0, 6)],
    oldFemale: OLD_FEMALE_ISLAMIC,
    surnames: KALTIM_SURNAMES,
    surnameShare: 0.2,
  },
};

/** Zipf-like draw: index ~ floor(n * u^1.5), so the first names of a list are the common ones. */
function zipf<T>(rng: Rng, items: readonly T[]): T {
  const u = rng.float();
  return items[Math.floor(items.length * u * Math.sqrt(u))]!;
}

export class NameMaker {
  private readonly p: Pools;
  constructor(readonly culture: Culture) {
    this.p = POOLS[culture];
  }

  /** A family name for a new lineage, or '' where family names are not used. */
  surname(rng: Rng): string {
    if (!this.p.surnames.length || !rng.chance(this.p.surnameShare)) return '';
    return zipf(rng, this.p.surnames);
  }

  /** Given name(s) for a person of this sex born in `birthYear`. */
  given(rng: Rng, female: boolean, birthYear: number): string {
    const p = this.p;
    const old = birthYear < 1962 && rng.chance(this.culture === 'jawa' ? 0.45 : 0.3);
    const single = () => (old ? rng.pick(female ? p.oldFemale : p.oldMale) : zipf(rng, female ? p.female : p.male));
    const r = rng.float();
    if (r < 0.55) return single();
    if (r < 0.88) return `${zipf(rng, female ? p.femalePrefix : p.malePrefix)} ${single()}`;
    // two-word given names (Javanese compounds, or two Islamic names)
    const first = zipf(rng, female ? p.femalePrefix : p.malePrefix);
    const second = zipf(rng, female ? p.femaleSecond : p.maleSecond);
    return first === second ? single() : `${first} ${second}`;
  }

  /** Full name: given name(s) and, where used, the family name. */
  full(given: string, surname: string): string {
    if (!surname || given.endsWith(surname)) return given;
    return `${given} ${surname}`;
  }
}

const ADDRESS_ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];
const STREETS = ['JL. SUDIRMAN', 'JL. PANJAITAN', 'JL. AGUS SALIM', 'JL. DIPONEGORO', 'JL. ANGREK', 'JL. MELATI', 'JL. KALIMANTAN', 'JL. SULAWESI', 'JL. PAHLAWAN', 'JL. MERDEKA', 'JL. KASMAT LAHAY', 'JL. NANI WARTABONE'];

/** A KK address: a dusun with RT/RW in a desa, a street or lingkungan in a kelurahan. */
export function address(rng: Rng, kelurahan: boolean): string {
  const rt = String(rng.range(1, 8)).padStart(3, '0');
  const rw = String(rng.range(1, 4)).padStart(3, '0');
  if (kelurahan) {
    return rng.chance(0.6) ? `${rng.pick(STREETS)} NO. ${rng.range(1, 120)} RT ${rt} RW ${rw}` : `LINGKUNGAN ${rng.pick(ADDRESS_ROMAN)} RT ${rt} RW ${rw}`;
  }
  return `DUSUN ${rng.pick(ADDRESS_ROMAN.slice(0, 5))} RT ${rt} RW ${rw}`;
}
