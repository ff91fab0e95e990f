/**
 * Chinese and Korean names in caseless text.
 *
 * Without capitals, a romanised East Asian name is hard for the tagger: its parts are
 * short syllables that are often English words ("Moon Jae-in" → "moon jae in", "Kim Chang
 * Son"), or unknown to every name list ("Xi Jinping": "xi" is a Greek letter to WordNet,
 * "jinping" is in no list), and CoNLL-2003 has few such names to learn from. The names
 * follow a rigid form, though: a surname from a small closed set, then a given name of one
 * or two syllables from the romanisation's closed syllable inventory. This pass uses that
 * form on caseless sequences, after the model:
 *
 * 1. a PERSON the model cut after one Korean given-name syllable ("moon jae" + "in",
 *    "kim chang" + "son", "kim jong" + "un" read as the UN) takes the second syllable:
 *    Korean given names are two syllables far more often than one;
 * 2. an untagged surname followed by a pinyin given name of two or three syllables that is
 *    not an English word ("xi jinping", "li keqiang") becomes a PERSON, unless the surname
 *    is itself a frequent English word ("he began": irregular verb forms are in no lemma
 *    list and split into pinyin);
 * 3. after a person noun ("president", "minister", "spokesman"), an untagged surname with a
 *    given name of syllables, at least one of them not an English word, becomes a PERSON
 *    ("foreign minister wang yi", "president moon jae in").
 *
 * The syllable inventories are generated from the romanisations' initials, vowels and
 * finals (pinyin; Korean Revised and McCune-Reischauer spellings as newspapers use them),
 * permissively: a few non-syllables are accepted, which costs nothing because every rule
 * also needs a surname and a non-English given-name part.
 */
import { categoryBit, keyTokenHash, type Gazetteer } from './gazetteer.ts';
import { labelPrefix, labelType, spansFromBilou, writeSpan } from './labels.ts';

/** The most frequent Chinese surnames in pinyin, plus common Wade-Giles and Cantonese spellings. */
const CHINESE_SURNAMES = new Set(
  (
    'wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie song ' +
    'tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen ' +
    'yao jin qiu fu xue lei hou long duan hao kong shao shi mao wan gu lai wen qin xiong meng qian dai fan fang ' +
    'bai zou xiang tan jia yan zhong xi bo hua geng lou ' +
    'chang chiang chou hsu tsai wong chan cheung leung lee ho lam ng chow tsang kwok lau yeung'
  ).split(' '),
);

/**
 * Chinese surnames that are also frequent English words ("he began", "long came", "the sun
 * rose"): these start a name only after a person noun ("vice premier he lifeng").
 */
const ENGLISH_WORD_SURNAMES = new Set('he long song fan sun pan tan ma wan ho bo ding fang lam chow lau'.split(' '));

/** The most frequent Korean surnames in their usual English spellings. */
const KOREAN_SURNAMES = new Set(
  (
    'kim lee yi rhee park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han oh seo suh ' +
    'shin kwon hwang ahn an song yoo yu ryu hong jeon chun ko go moon mun yang son bae baek paik heo hur nam noh ' +
    'roh ha kwak sung seong cha joo ju woo koo ku min na jin ji chae won bang kong hyun ham byun pyo yeo chu do ' +
    'seok ban ok'
  ).split(' '),
);

const PINYIN_INITIALS = ['', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'zh', 'ch', 'sh', 'r', 'z', 'c', 's', 'y', 'w'];
const PINYIN_FINALS = [
  'a', 'o', 'e', 'i', 'u', 'ai', 'ei', 'ui', 'ao', 'ou', 'iu', 'ie', 'ue', 'er', 'an', 'en', 'in', 'un', 'ang',
  'eng', 'ing', 'ong', 'ia', 'iao', 'ian', 'iang', 'iong', 'ua', 'uo', 'uai', 'uan', 'uang',
];
const KOREAN_INITIALS = ['', 'g', 'k', 'kk', 'n', 'd', 't', 'tt', 'r', 'l', 'm', 'b', 'p', 'pp', 's', 'ss', 'sh', 'j', 'jj', 'ch', 'h', 'w', 'y'];
const KOREAN_VOWELS = [
  'a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu',
  'eu', 'ui', 'i', 'oo', 'ee', 'ou', 'you', 'ea',
];
const KOREAN_FINALS = ['', 'k', 'n', 't', 'l', 'm', 'p', 'ng', 'g', 'b'];

function combine(initials: readonly string[], middles: readonly string[], finals: readonly string[] = ['']): Set<string> {
  const out = new Set<string>();
  for (const a of initials) for (const b of middles) for (const c of finals) out.add(a + b + c);
  return out;
}

const PINYIN_SYLLABLES = combine(PINYIN_INITIALS, PINYIN_FINALS);
const KOREAN_SYLLABLES = combine(KOREAN_INITIALS, KOREAN_VOWELS, KOREAN_FINALS);
const LONGEST_PINYIN = 6;

/** How many pinyin syllables `word` splits into (fewest), or 0 when it does not split. */
export function pinyinSyllableCount(word: string): number {
  const n = word.length;
  // fewest[i]: fewest syllables covering word[0, i), 0 = not reachable (fewest[0] is special).
  const fewest = new Array<number>(n + 1).fill(0);
  for (let end = 1; end <= n; end++) {
    for (let start = Math.max(0, end - LONGEST_PINYIN); start < end; start++) {
      if (start > 0 && fewest[start] === 0) continue;
      if (!PINYIN_SYLLABLES.has(word.slice(start, end))) continue;
      const count = (start === 0 ? 0 : fewest[start]) + 1;
      if (fewest[end] === 0 || count < fewest[end]) fewest[end] = count;
    }
  }
  return fewest[n];
}

export function isKoreanSyllable(word: string): boolean {
  return KOREAN_SYLLABLES.has(word);
}

/** What the rules ask of the gazetteer about single words. */
export interface WordClasses {
  isEnglishWord(word: string): boolean;
  /** Known as a place, country, organisation or other non-person name. */
  isOtherName(word: string): boolean;
  isPersonNoun(word: string): boolean;
}

export function gazetteerWordClasses(gazetteer: Gazetteer): WordClasses {
  const bits = (word: string): number => gazetteer.wordBits(keyTokenHash(word));
  const common = categoryBit('common');
  const other = categoryBit('country') | categoryBit('city') | categoryBit('place') | categoryBit('demonym') | categoryBit('org') | categoryBit('company');
  const personNoun = categoryBit('personnoun');
  return {
    isEnglishWord: (word) => (bits(word) & common) !== 0,
    isOtherName: (word) => (bits(word) & other) !== 0,
    isPersonNoun: (word) => (bits(word) & personNoun) !== 0,
  };
}

/**
 * Apply the three rules to one caseless sequence's BILOU labels, in place. `words` are
 * the caseless tokens (lowercase letter/digit runs).
 */
export function completeEastAsianNames(original: readonly string[], labels: Int32Array, classes: WordClasses): Int32Array {
  // Caseless covers all-capital text too ("MOON JAE IN"); the inventories are lowercase.
  const words = original.map((w) => w.toLowerCase());
  const n = words.length;
  const isSurname = (i: number): boolean => i < n && (CHINESE_SURNAMES.has(words[i]) || KOREAN_SURNAMES.has(words[i]));

  // 1. "moon jae" + "in": a two-token PERSON of Korean surname and one non-English syllable.
  for (const span of spansFromBilou(labels)) {
    if (span.type !== 'PER' || span.end - span.start !== 2) continue;
    const [surname, given] = [words[span.start], words[span.start + 1]];
    if (!KOREAN_SURNAMES.has(surname) || !isKoreanSyllable(given) || classes.isEnglishWord(given)) continue;
    // The syllable may carry a one-token label of its own: "un" of "kim jong un" reads as
    // the UN without its capitals. Part of a longer entity, it stays there.
    const next = span.end < n ? labelPrefix(labels[span.end]) : '';
    if ((next === 'O' || next === 'U') && isKoreanSyllable(words[span.end])) writeSpan(labels, span.start, span.end + 1, 'PER');
  }

  // 2 and 3: untagged surname + given name. A PERSON inside the candidate is absorbed;
  // any other entity touching it vetoes the rule.
  for (let i = 0; i + 1 < n; i++) {
    if (!isSurname(i)) continue;
    const end = givenNameEnd(words, i, i > 0 && classes.isPersonNoun(words[i - 1]), classes);
    if (end === 0 || !absorbable(labels, i, end)) continue;
    writeSpan(labels, i, end, 'PER');
    i = end - 1;
  }
  return labels;
}

/** End (exclusive) of the name whose surname is words[at], or 0 when none fits. */
function givenNameEnd(words: readonly string[], at: number, afterPersonNoun: boolean, classes: WordClasses): number {
  const surname = words[at];
  const first = words[at + 1];
  const second = at + 2 < words.length ? words[at + 2] : '';
  const nameLike = (word: string): boolean => !classes.isEnglishWord(word) && !classes.isOtherName(word);
  if (CHINESE_SURNAMES.has(surname)) {
    const syllables = pinyinSyllableCount(first);
    if (syllables >= 2 && syllables <= 3 && nameLike(first) && (afterPersonNoun || !ENGLISH_WORD_SURNAMES.has(surname))) return at + 2;
    if (afterPersonNoun && syllables === 1 && nameLike(first)) return at + 2;
  }
  if (KOREAN_SURNAMES.has(surname) && afterPersonNoun && second && isKoreanSyllable(first) && isKoreanSyllable(second)) {
    if (nameLike(first) || nameLike(second)) return at + 3;
  }
  return 0;
}

/** Whether labels[start, end) hold only O and PERSON spans that lie wholly inside it. */
function absorbable(labels: Int32Array, start: number, end: number): boolean {
  let sawOutside = false;
  for (let i = start; i < end; i++) {
    const prefix = labelPrefix(labels[i]);
    if (prefix === 'O') {
      sawOutside = true;
      continue;
    }
    if (labelType(labels[i]) !== 'PER') return false;
    if (i === start && prefix !== 'B' && prefix !== 'U') return false;
    if (i === end - 1 && prefix !== 'L' && prefix !== 'U') return false;
  }
  return sawOutside;
}
