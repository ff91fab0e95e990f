import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CanonicalWordSpace, FLAG_QUOTED, FLAG_STOPWORD, WordNumbering, canonicalFromNumbered, canonicalTokens, canonicalise, writtenWords } from '../../src/dedup/canonical.ts';
import { copyCandidateKeys } from '../../src/dedup/copies-keys.ts';
import { CopyCandidateIndex } from '../../src/dedup/copies-index.ts';
import { initCopyDetection, registerAliases } from '../../src/dedup/copies.ts';
import { areSynonyms, canonicalWord, lemmaOf } from '../../src/dedup/synonyms.ts';
import { newsCluster } from './fixtures.ts';

before(async () => {
  await initCopyDetection();
});

describe('synonym folding (WordNet)', () => {
  it('folds spinner synonyms and aliases to one canonical form', () => {
    assert.equal(canonicalWord('worldwide'), canonicalWord('international'));
    assert.equal(canonicalWord('global'), canonicalWord('international'));
    const spun = canonicalise('The Russian Federation hosted the summit');
    const plain = canonicalise('The Russia hosted the summit');
    assert.deepEqual(canonicalTokens(spun), canonicalTokens(plain));
    assert.equal(canonicalTokens(spun)[1], 'russia');
  });

  it('keeps unrelated words apart and leaves function words alone', () => {
    assert.notEqual(canonicalWord('president'), canonicalWord('banana'));
    assert.equal(canonicalWord('us'), 'us'); // not folded to "United States"
    assert.equal(canonicalWord('an'), 'a');
  });

  it('reduces inflections with WordNet exceptions and suffix rules', () => {
    assert.equal(lemmaOf('said'), 'say');
    assert.equal(lemmaOf('meetings'), 'meeting');
    assert.equal(lemmaOf('stopped'), 'stop');
    assert.equal(lemmaOf('news'), 'news');
  });

  it('knows synonyms across senses, satellites included', () => {
    assert.ok(areSynonyms('international', 'worldwide'));
    assert.ok(areSynonyms('said', 'stated'));
    assert.ok(!areSynonyms('international', 'banana'));
  });

  it('learns aliases at run time', () => {
    const before = canonicalTokens(canonicalise('Kim Jong-un arrived'));
    registerAliases([{ alias: 'Supreme Leader Kim', canonical: 'Kim Jong Un' }]);
    const aliased = canonicalTokens(canonicalise('Supreme Leader Kim arrived'));
    assert.deepEqual(aliased, ['kim jong un', canonicalWord('arrived')]);
    assert.equal(before.length, 4); // "kim jong un arrived": the plain name is left as words
  });

  it('re-reads a phrase whose canonical form a new alias changed', () => {
    const text = 'The Russian Federation hosted the summit';
    assert.equal(canonicalTokens(canonicalise(text))[1], 'russia'); // folded, and remembered
    registerAliases([{ alias: 'Russian Federation', canonical: 'Muscovy' }]);
    assert.equal(canonicalTokens(canonicalise(text))[1], 'muscovy');
    registerAliases([{ alias: 'Russian Federation', canonical: 'Russia' }]);
    assert.equal(canonicalTokens(canonicalise(text))[1], 'russia');
  });
});

describe('canonicalise', () => {
  it('gives the same tokens for clean and degraded (lowercased, unpunctuated) text', () => {
    const clean = canonicalise("Mr. Kim's visit to Vladivostok, Russia's far-eastern city, is \"expected\" next week.");
    const degraded = canonicalise('mr kim s visit to vladivostok russia s far eastern city is expected next week');
    assert.deepEqual(canonicalTokens(clean), canonicalTokens(degraded));
  });

  it('gives the same result whatever was canonicalised before (buffers are reused)', () => {
    const short = 'The Russian Federation hosted "the summit" in Vladivostok.';
    const first = canonicalise(short);
    canonicalise(Array.from({ length: 3000 }, (_, i) => `word${i} the United States of America`).join(' '));
    const again = canonicalise(short);
    assert.deepEqual(canonicalTokens(again), canonicalTokens(first));
    assert.deepEqual([...again.starts, ...again.ends, ...again.flags, ...again.hashes], [...first.starts, ...first.ends, ...first.flags, ...first.hashes]);
    assert.equal(again.entries.length, again.starts.length);
  });

  it('keeps UTF-16 spans into the original text', () => {
    const text = 'Zoë Müller — the “Russian Federation” delegate 🚀 spoke.';
    const c = canonicalise(text);
    const words = writtenWords(c);
    for (let i = 0; i < words.length; i++) {
      const slice = text.slice(c.starts[i], c.ends[i]);
      assert.equal(slice.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' '), words[i]);
    }
    const federation = words.indexOf('russian federation');
    assert.ok(federation >= 0);
    assert.equal(text.slice(c.starts[federation], c.ends[federation]), 'Russian Federation');
  });

  it('flags quoted speech, embedded posts and stopwords', () => {
    const c = canonicalise('He said "we will rebuild the bridge" today.\nThanks @cityhall for the help');
    const words = writtenWords(c);
    const quoted = words.filter((_, i) => c.flags[i] & FLAG_QUOTED);
    assert.deepEqual(quoted, ['we', 'will', 'rebuild', 'the', 'bridge', 'thanks', 'cityhall', 'for', 'the', 'help']);
    assert.ok(c.flags[words.indexOf('the')] & FLAG_STOPWORD);
    assert.equal(c.flags[words.indexOf('bridge')] & FLAG_STOPWORD, 0);
  });
});

describe('canonical texts from numbered words', () => {
  // A prepare worker scans and numbers the words; the thread detecting copies builds the
  // canonical text from the numbers (prepare-pool.ts). It must be canonicalise's, exactly.
  it('equal canonicalise of the same text, across restarts of the numbering and new aliases', () => {
    const numbering = new WordNumbering(400); // starts over every few messages
    const space = new CanonicalWordSpace();
    const texts = [
      'Zoë Müller — the “Russian Federation” delegate 🚀 spoke.',
      'He said "we will rebuild the bridge" today.\nThanks @cityhall for the help',
      'The Numbered Test Phrase met the United States of America in Kim Jong-un\'s Pyongyang.',
      '',
      ...newsCluster().slice(0, 60).map((a) => a.text),
    ];
    let restarts = 0;
    for (let k = 0; k < texts.length; k += 3) {
      numbering.startMessage();
      const message = texts.slice(k, k + 3).map((text) => numbering.words(text));
      const newWords = numbering.takeNew();
      restarts += newWords.filter((w) => w === null).length;
      space.extend(newWords);
      message.forEach((numbered, i) => assert.deepEqual(canonicalFromNumbered(numbered, space), canonicalise(texts[k + i]), `text ${k + i}`));
    }
    assert.ok(restarts >= 3, `${restarts} restarts`);
  });

  it('follow aliases learned after the words were first described', () => {
    const numbering = new WordNumbering();
    const space = new CanonicalWordSpace();
    const text = 'The Numbered Test Phrase met officials in Pyongyang.';
    const build = () => {
      numbering.startMessage();
      const numbered = numbering.words(text);
      space.extend(numbering.takeNew());
      return canonicalFromNumbered(numbered, space);
    };
    assert.deepEqual(build(), canonicalise(text));
    // Learned between messages: the second message brings no new word, only known numbers.
    registerAliases([{ alias: 'Numbered Test Phrase', canonical: 'Zyzzyva' }]);
    const after = build();
    assert.deepEqual(after, canonicalise(text));
    assert.equal(canonicalTokens(after)[1], 'zyzzyva');
  });
});

describe('copy candidate keys', () => {
  it('are deterministic and shared by a copy and its source', () => {
    const text = newsCluster()[0].text;
    const keys = copyCandidateKeys(canonicalise(text));
    assert.deepEqual(copyCandidateKeys(canonicalise(text)), keys);
    assert.ok(keys.length > 10);
    // Copy of the third paragraph only, lowercased and unpunctuated.
    const paragraph = text.split('\n')[2].toLowerCase().replace(/[^\p{L}\p{N} ]/gu, ' ');
    const shared = copyCandidateKeys(canonicalise(paragraph)).filter((k) => keys.includes(k));
    assert.ok(shared.length >= 1, 'a copied paragraph shares a key with its source');
  });

  it('give a one-sentence text at least one key', () => {
    assert.ok(copyCandidateKeys(canonicalise('Rescuers pulled two climbers from the glacier on Sunday.')).length >= 1);
  });

  it('find few candidates among unrelated articles (index rules)', () => {
    const articles = newsCluster().slice(0, 120);
    const index = new CopyCandidateIndex();
    let candidates = 0;
    let differentEvent = 0;
    const byId = new Map(articles.map((a) => [a.id, a]));
    for (const a of articles) {
      const keys = copyCandidateKeys(canonicalise(a.text));
      for (const c of index.candidates(keys)) {
        candidates++;
        if (byId.get(c.id)!.event !== a.event) differentEvent++;
      }
      index.add(a.id, keys);
    }
    assert.ok(candidates / articles.length < 5, `mean candidates ${candidates / articles.length}`);
    assert.ok(differentEvent / articles.length < 1, `mean different-event candidates ${differentEvent / articles.length}`);
  });
});

it('texts with fewer content words than one shingle get no copy keys (and no crash)', () => {
  assert.deepEqual(copyCandidateKeys(canonicalise('')), []);
  assert.deepEqual(copyCandidateKeys(canonicalise('of the and')), []);
  assert.ok(copyCandidateKeys(canonicalise('latvian pm resigns shopping mall disaster')).length >= 1);
});
