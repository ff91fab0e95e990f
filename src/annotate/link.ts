/**
 * Names tied together. Across articles: canonicalKey() folds spelling, hyphenation, case,
 * titles and common transliteration variants into one stable key. Within an article:
 * linkEntities() sends "Mr Kim" and "Kim" to the full name they stand for ("Kim Jong Un"),
 * never merging two different full names that share a token (Kim Il Sung, Kim Chang Son).
 */
import type { EntityMention, EntityType } from '../types.ts';

/** What the entity tagger gives us (src/annotate/ner); kept structural so tests need no model. */
export interface TaggedSpan {
  start: number;
  end: number;
  text: string;
  type: EntityType;
}

/** Words before a person's name that are not part of it ("Mr", "President", "Gen."). */
const PERSON_TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady',
  'president', 'vice', 'prime', 'minister', 'premier', 'chancellor', 'secretary', 'senator', 'sen',
  'rep', 'representative', 'congressman', 'congresswoman', 'gov', 'governor', 'mayor', 'king',
  'queen', 'prince', 'princess', 'crown', 'emperor', 'pope', 'cardinal', 'bishop', 'rev',
  'reverend', 'father', 'sheikh', 'ayatollah', 'imam', 'rabbi', 'gen', 'general', 'col', 'colonel',
  'lt', 'lieutenant', 'capt', 'captain', 'maj', 'major', 'sgt', 'sergeant', 'adm', 'admiral',
  'judge', 'justice', 'chairman', 'chairwoman', 'chief', 'executive', 'ceo', 'leader', 'supreme',
  'spokesman', 'spokeswoman', 'ambassador', 'envoy', 'foreign', 'defense', 'defence', 'interior',
  'deputy', 'first', 'former', 'late', 'st', 'saint', 'comrade', 'marshal', 'speaker', 'attorney',
]);
const PERSON_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq']);
const ORG_SUFFIXES = new Set(['inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'plc', 'sa', 'ag', 'gmbh', 'nv', 'bv', 'lp', 'llp']);
const ACRONYM_STOPWORDS = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'de', 'du', 'des', 'la', 'le', '&']);

/** Lowercase ASCII tokens: accents, apostrophes and dots dropped, hyphens split. */
export function nameTokens(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]s\b/g, '')
    .replace(/['’`.]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Strip titles in front of and suffixes after a person's name. */
export function personCoreTokens(tokens: string[]): string[] {
  let start = 0;
  let end = tokens.length;
  while (start < end - 1 && PERSON_TITLES.has(tokens[start])) start++;
  // A lone title ("President") is not a name.
  if (start === end - 1 && PERSON_TITLES.has(tokens[start]) && tokens.length > 1) start = end;
  while (end > start + 1 && PERSON_SUFFIXES.has(tokens[end - 1])) end--;
  return tokens.slice(start, end);
}

/**
 * Spelling skeleton of one token, so transliteration variants meet: doubled letters
 * collapse, ph→f, dh→d, q→k, ou→u, y→i ("Qaddafi"/"Kadhafi", "Zelenskyy"/"Zelenskiy").
 */
export function spellingSkeleton(token: string): string {
  let skeleton = skeletonCache.get(token);
  if (skeleton === undefined) {
    if (skeletonCache.size > CACHE_LIMIT) skeletonCache.clear();
    skeletonCache.set(token, (skeleton = computeSkeleton(token)));
  }
  return skeleton;
}

/** Names repeat within and across articles; folding them is most of linking's cost. */
const CACHE_LIMIT = 100_000;
const skeletonCache = new Map<string, string>();

function computeSkeleton(token: string): string {
  if (/^\d+$/.test(token)) return token;
  return token
    .replace(/ph/g, 'f')
    .replace(/dh/g, 'd')
    .replace(/q/g, 'k')
    .replace(/ou/g, 'u')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

/** What linking reads of a name of a type: its core tokens, their skeletons and the canonical key. */
interface NameForms {
  tokens: string[];
  skeleton: string[];
  key: string;
}

/** Names of a type → their forms (by `type NUL name`). */
const formsCache = new Map<string, NameForms>();

function nameForms(name: string, type: EntityType): NameForms {
  const cacheKey = `${type}\u0000${name}`;
  let forms = formsCache.get(cacheKey);
  if (forms === undefined) {
    if (formsCache.size > CACHE_LIMIT) formsCache.clear();
    const tokens = computeCoreTokens(name, type);
    const skeleton = tokens.map(spellingSkeleton);
    forms = { tokens, skeleton, key: `${type.toLowerCase()}:${skeleton.join(' ')}` };
    formsCache.set(cacheKey, forms);
  }
  return forms;
}

function computeCoreTokens(name: string, type: EntityType): string[] {
  const tokens = nameTokens(name);
  if (type === 'PERSON') return personCoreTokens(tokens);
  let start = tokens[0] === 'the' && tokens.length > 1 ? 1 : 0;
  let end = tokens.length;
  if (type === 'ORG') while (end > start + 1 && ORG_SUFFIXES.has(tokens[end - 1])) end--;
  if (start >= end) start = 0;
  return tokens.slice(start, end);
}

/**
 * A stable key for the canonical entity behind a name: equal for "Kim Jong Un",
 * "Kim Jong-un", "KIM JONG UN", "kim jong un" and "Mr. Kim Jong Un"; the type keeps
 * "Washington" the place apart from "Washington" the person.
 */
export function canonicalKey(name: string, type: EntityType): string {
  return nameForms(name, type).key;
}

/** Display form of a name: title-cased when the source had no case to go by. */
export function displayName(text: string): string {
  const cleaned = text.replace(/['’]s$/, '').replace(/\s+/g, ' ').trim();
  const hasLower = /[a-z]/.test(cleaned);
  const hasUpper = /[A-Z]/.test(cleaned);
  if (hasLower && hasUpper) return cleaned;
  const lower = cleaned.toLowerCase();
  // "u s" / "u.s." style initials stay upper case.
  if (/^(?:[a-z][. ]?){2,3}$/.test(lower) && lower.replace(/[. ]/g, '').length <= 3) return lower.replace(/[. ]/g, '').toUpperCase();
  return lower.replace(/(^|[\s-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function personDisplay(text: string): string {
  // Drop the title words, keep the name as written ("Mr. Kim Jong Un" → "Kim Jong Un").
  const words = text.replace(/['’]s$/, '').trim().split(/\s+/);
  let start = 0;
  while (start < words.length - 1 && PERSON_TITLES.has(nameTokens(words[start])[0] ?? '')) start++;
  return displayName(words.slice(start).join(' '));
}

interface NameGroup {
  key: string;
  /** Spelling skeletons of the name's tokens. */
  tokens: string[];
  type: EntityType;
  /** Surface forms seen, with counts, for choosing the display name. */
  forms: Map<string, number>;
  /** Start offsets of its full-name mentions. */
  positions: number[];
}

/** A mention of the text or of its context (the headline). */
interface ContextualSpan extends TaggedSpan {
  fromContext: boolean;
}

interface PreparedMention extends ContextualSpan, NameForms {}

/** Both arguments are skeleton token lists. */
function isContiguousSubsequence(short: string[], long: string[]): boolean {
  if (short.length >= long.length) return false;
  outer: for (let i = 0; i + short.length <= long.length; i++) {
    for (let j = 0; j < short.length; j++) if (short[j] !== long[i + j]) continue outer;
    return true;
  }
  return false;
}

function bestForm(group: NameGroup): string {
  let best = '';
  let bestScore = -Infinity;
  for (const [form, count] of group.forms) {
    const cased = /[a-z]/.test(form) && /[A-Z]/.test(form) ? 1 : 0;
    // Prefer written case, then frequency, then spaces over hyphens ("Kim Jong Un").
    const score = cased * 100 + count * 2 + (form.includes('-') ? 0 : 1);
    if (score > bestScore) {
      best = form;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Canonical names for one article's entity mentions. People named by part of their name
 * ("Kim", "Mr Putin", "Jong Un") take the full name they belong to: the closest full name
 * before them with that token, else the most frequent one; a part matching no full name
 * stays its own entity. Organisations named by an acronym take the spelled-out name whose
 * initials it is. Places keep their own name here (places.ts resolves them).
 */
export function linkEntities(mentions: TaggedSpan[], context: TaggedSpan[] = []): EntityMention[] {
  // Context mentions (the headline's) name full names for the text's short mentions; only
  // the text's own mentions are returned. They count as written before the text.
  const shift = -1 - Math.max(0, ...context.map((m) => m.end));
  // Object literals throughout, not spreads: this runs for every mention of every article.
  const combined: ContextualSpan[] = [];
  for (const m of context) combined.push({ start: m.start + shift, end: m.end + shift, text: m.text, type: m.type, fromContext: true });
  for (const m of mentions) combined.push({ start: m.start, end: m.end, text: m.text, type: m.type, fromContext: false });
  const prepared: PreparedMention[] = [];
  for (const m of splitJuxtaposedSurnames(combined)) {
    const { tokens, skeleton, key } = nameForms(m.text, m.type);
    if (tokens.length > 0) prepared.push({ start: m.start, end: m.end, text: m.text, type: m.type, fromContext: m.fromContext, tokens, skeleton, key });
  }
  // Full person names: two or more tokens, grouped by key; a shorter one inside a longer one is a part.
  const groups = new Map<string, NameGroup>();
  for (const m of prepared) {
    if (m.type !== 'PERSON' || m.tokens.length < 2) continue;
    const key = m.key;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, tokens: m.skeleton, type: m.type, forms: new Map(), positions: [] }));
    const form = personDisplay(m.text);
    group.forms.set(form, (group.forms.get(form) ?? 0) + 1);
    group.positions.push(m.start);
  }
  const all = [...groups.values()];
  const fullNames = all.filter((g) => !all.some((other) => other !== g && isContiguousSubsequence(g.tokens, other.tokens)));
  const partOf = new Map<NameGroup, NameGroup>();
  for (const g of all) {
    if (fullNames.includes(g)) continue;
    const containers = fullNames.filter((f) => isContiguousSubsequence(g.tokens, f.tokens));
    if (containers.length === 1) partOf.set(g, containers[0]);
    else if (containers.length > 1) partOf.set(g, pickContainer(containers, g.positions[0] ?? 0));
  }
  // Positions of parts count for their full name ("Kim Jong" then "Kim").
  for (const [part, full] of partOf) full.positions.push(...part.positions);
  for (const full of fullNames) full.positions.sort((a, b) => a - b);

  const acronyms = orgAcronyms(prepared);
  // Salience: full-name mentions, plus the short mentions already given to the name.
  const salience = new Map<NameGroup, number>(fullNames.map((f) => [f, f.positions.length]));
  const out: EntityMention[] = [];
  for (const m of prepared) {
    if (m.fromContext) continue;
    let canonical: string | undefined;
    if (m.type === 'PERSON') {
      let group: NameGroup | undefined;
      if (m.tokens.length >= 2) {
        const own = groups.get(m.key)!;
        group = partOf.get(own) ?? own;
      } else {
        const token = m.skeleton[0];
        const containers = fullNames.filter((f) => f.tokens[0] === token || f.tokens[f.tokens.length - 1] === token);
        if (containers.length > 0) {
          group = pickSalient(containers, salience);
          salience.set(group, (salience.get(group) ?? 0) + 1);
        }
      }
      canonical = group ? bestForm(group) : personDisplay(m.text);
    } else if (m.type === 'ORG' && m.tokens.length === 1) {
      canonical = acronyms.get(m.tokens[0]);
    }
    canonical ??= cachedDisplayName(m.text);
    out.push({ start: m.start, end: m.end, text: m.text, type: m.type, canonical });
  }
  return out;
}

/** Display names of non-person mentions, by their text ("the" dropped): the same names recur across articles. */
const displayCache = new Map<string, string>();
function cachedDisplayName(text: string): string {
  let display = displayCache.get(text);
  if (display === undefined) {
    if (displayCache.size > CACHE_LIMIT) displayCache.clear();
    display = displayName(text.replace(/^the\s+/i, ''));
    displayCache.set(text, display);
  }
  return display;
}

/**
 * "the Putin-Kim summit", "a putin kim summit" (caseless): two people's surnames side by
 * side read as one two-word PERSON. When the first word ends another full name in the
 * article ("Vladimir Putin") and the second starts or ends a different one ("Kim Jong Un":
 * East Asian names put the surname first), and the pair occurs only once, the mention
 * becomes the two people it names. A first word that is nobody's last name ("Vladimir"
 * of "Vladimir Putin", "Kim" of "Kim Chang") keeps a name whole.
 */
function splitJuxtaposedSurnames<T extends TaggedSpan>(mentions: T[]): T[] {
  const endingIn = new Map<string, Set<string>>(); // last token → full names (skeleton keys)
  const edgedBy = new Map<string, Set<string>>(); // first or last token → full names
  const pairCount = new Map<string, number>();
  const add = (map: Map<string, Set<string>>, token: string, key: string) => {
    let keys = map.get(token);
    if (!keys) map.set(token, (keys = new Set()));
    keys.add(key);
  };
  const skeletons = mentions.map((m) => (m.type === 'PERSON' ? nameForms(m.text, m.type).skeleton : []));
  for (const skeleton of skeletons) {
    if (skeleton.length < 2) continue;
    const key = skeleton.join(' ');
    if (skeleton.length === 2) pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
    add(endingIn, skeleton[skeleton.length - 1], key);
    add(edgedBy, skeleton[0], key);
    add(edgedBy, skeleton[skeleton.length - 1], key);
  }
  const others = (map: Map<string, Set<string>>, token: string, pair: string): string[] => [...(map.get(token) ?? [])].filter((k) => k !== pair);
  const out: T[] = [];
  mentions.forEach((m, index) => {
    const skeleton = skeletons[index];
    const words = skeleton.length === 2 ? [...m.text.matchAll(/[\p{L}\p{N}'’.]+/gu)] : [];
    if (words.length === 2) {
      const [x, y] = skeleton;
      const pair = skeleton.join(' ');
      const first = others(endingIn, x, pair);
      const second = others(edgedBy, y, pair);
      if (pairCount.get(pair) === 1 && first.length > 0 && second.length > 0 && !first.some((k) => second.includes(k))) {
        for (const w of words) {
          const start = m.start + (w.index ?? 0);
          out.push({ ...m, start, end: start + w[0].length, text: w[0] });
        }
        return;
      }
    }
    out.push(m);
  });
  return out;
}

/**
 * The full name a bare surname refers to: the most salient one (most mentions so far,
 * counting short mentions already linked to it), ties to the one introduced first. News
 * introduces its protagonist first and keeps calling him "Mr Kim" after naming an aide
 * "Kim Chang Son", so recency alone would pick the aide.
 */
function pickSalient(containers: NameGroup[], salience: Map<NameGroup, number>): NameGroup {
  return [...containers].sort(
    (a, b) => (salience.get(b) ?? 0) - (salience.get(a) ?? 0) || a.positions[0] - b.positions[0],
  )[0];
}

/** The full name a part refers to: the latest one mentioned before it, else the most frequent. */
function pickContainer(containers: NameGroup[], position: number): NameGroup {
  let best: NameGroup | null = null;
  let bestLast = -1;
  for (const c of containers) {
    const before = c.positions.filter((p) => p < position);
    const last = before.length ? before[before.length - 1] : -1;
    if (last > bestLast) {
      best = c;
      bestLast = last;
    }
  }
  if (best) return best;
  return [...containers].sort((a, b) => b.positions.length - a.positions.length || a.positions[0] - b.positions[0])[0];
}

/** Initials of multi-word organisation names in the article → their display name. */
function orgAcronyms(mentions: Array<TaggedSpan & { tokens: string[] }>): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of mentions) {
    if (m.type !== 'ORG' && m.type !== 'PLACE') continue;
    const content = m.tokens.filter((t) => !ACRONYM_STOPWORDS.has(t));
    if (content.length < 2) continue;
    const initials = content.map((t) => t[0]).join('');
    if (!out.has(initials)) out.set(initials, displayName(m.text.replace(/^the\s+/i, '')));
  }
  return out;
}
