import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractDates } from '../../src/annotate/dates.ts';

/** Published on Tuesday 2019-04-16 (ISO week 16), like the seed articles. */
const PUBLISHED = '2019-04-16';

function valuesOf(text: string, published: string | null = PUBLISHED): Array<[string, string | null]> {
  return extractDates(text, { published }).map((d) => [d.text, d.value]);
}

function valueOf(text: string, expression: string, published: string | null = PUBLISHED): string | null | undefined {
  const found = extractDates(text, { published }).find((d) => d.text === expression);
  return found === undefined ? undefined : found.value;
}

describe('dates: ranges, weeks, months, years', () => {
  it('a day range in one month becomes a TIMEX3 interval', () => {
    assert.equal(valueOf('The forum will be held in Beijing on April 25-27.', 'April 25-27'), '2019-04-25/2019-04-27');
  });

  it('"from X to Y" is one range; a bare "X and Y" stays two dates', () => {
    assert.equal(valueOf('He visited Moscow from March 19 to 25.', 'March 19 to 25'), '2019-03-19/2019-03-25');
    assert.deepEqual(valuesOf('Talks were held on April 24 and 25.').map(([t]) => t), ['April 24']);
  });

  it('next week is the ISO week after the publication week', () => {
    assert.equal(valueOf('They will meet next week in Vladivostok.', 'next week'), '2019-W17');
    assert.equal(valueOf('Officials met this week.', 'this week'), '2019-W16');
    assert.equal(valueOf('He resigned last week.', 'last week'), '2019-W15');
  });

  it('ISO weeks cross year boundaries correctly', () => {
    // 2020-12-31 is in week 53 of 2020; the week after is 2021-W01.
    assert.equal(valueOf('The vote comes next week.', 'next week', '2020-12-31'), '2021-W01');
  });

  it('relative months and years', () => {
    assert.equal(valueOf('Sales fell last year.', 'last year'), '2018');
    assert.equal(valueOf('Prices rose earlier this month.', 'earlier this month'), '2019-04');
    assert.equal(valueOf('The plant opens next month.', 'next month'), '2019-05');
    assert.equal(valueOf('Exports slowed in the 1990s.', 'the 1990s'), '199');
    assert.equal(valueOf('It was founded in 1998.', '1998'), '1998');
  });

  it('a month without a year takes the nearest one, unless the tense forbids it', () => {
    assert.equal(valueOf('The summit was held in February.', 'February'), '2019-02');
    assert.equal(valueOf('The deal closes on Jan. 2.', 'Jan. 2', '2019-11-20'), '2020-01-02');
    assert.equal(valueOf('The company said sales fell in December.', 'December', '2019-03-04'), '2018-12');
  });

  it('quarters, seasons, holidays', () => {
    assert.equal(valueOf('Profit rose in the first quarter.', 'the first quarter'), '2019-Q1');
    assert.equal(valueOf('Growth slowed this summer.', 'this summer'), '2019-SU');
    assert.equal(valueOf('Shops were closed on Christmas Day 2018.', 'Christmas Day 2018'), '2018-12-25');
  });
});

describe('dates: weekdays and deictic days relative to the publication date', () => {
  it('a weekday in the past tense is the latest one, in the future tense the next one', () => {
    assert.equal(valueOf('The minister said on Friday that talks failed.', 'Friday'), '2019-04-12');
    assert.equal(valueOf('The minister will travel to Seoul on Friday.', 'Friday'), '2019-04-19');
    assert.equal(valueOf('News outlets confirmed the plan on Tuesday.', 'Tuesday'), '2019-04-16');
  });

  it('today, yesterday, tomorrow, last night', () => {
    assert.deepEqual(valuesOf('Yesterday he met the envoy; today he flies home and tomorrow he rests.'), [
      ['Yesterday', '2019-04-15'],
      ['today', '2019-04-16'],
      ['tomorrow', '2019-04-17'],
    ]);
    assert.equal(valueOf('Rockets fell last night.', 'last night'), '2019-04-15TNI');
  });

  it('clock times take the date they are attached to', () => {
    assert.equal(valueOf('The blast occurred at 10:35 a.m. Friday, police said.', '10:35 a.m. Friday'), '2019-04-12T10:35');
  });
});

describe('dates: durations, anchored offsets, references, sets', () => {
  it('durations of counted units', () => {
    assert.equal(valueOf('The war lasted three years.', 'three years'), 'P3Y');
    assert.equal(valueOf('He was held for 72 hours.', '72 hours'), 'PT72H');
    assert.equal(valueOf('A five-year plan was agreed.', 'five-year'), 'P5Y');
    assert.equal(valueOf('Talks stalled for two and a half years.', 'two and a half years'), 'P2Y6M');
    assert.equal(valueOf('Tensions eased over the past decade.', 'the past decade'), 'P10Y');
    assert.equal(valueOf('Prices doubled in the past two months.', 'the past two months'), 'P2M');
    assert.equal(valueOf('It took several weeks.', 'several weeks'), 'PXW');
  });

  it('ages are not durations', () => {
    assert.deepEqual(valuesOf('A 6-year-old boy was rescued.'), []);
  });

  it('"ago" moves back from the publication date at the unit\'s precision', () => {
    assert.equal(valueOf('The plant closed three years ago.', 'three years ago'), '2016');
    assert.equal(valueOf('They met two weeks ago.', 'two weeks ago'), '2019-W14');
    assert.equal(valueOf('He arrived 10 days ago.', '10 days ago'), '2019-04-06');
  });

  it('present, past and future references', () => {
    assert.equal(valueOf('Talks are now underway.', 'now'), 'PRESENT_REF');
    assert.equal(valueOf('He currently lives in Seoul.', 'currently'), 'PRESENT_REF');
    assert.equal(valueOf('She recently moved.', 'recently'), 'PAST_REF');
    assert.equal(valueOf('Prices may rise in the near future.', 'the near future'), 'FUTURE_REF');
  });

  it('recurrences', () => {
    assert.equal(valueOf('The paper is printed daily.', 'daily'), 'P1D');
    assert.equal(valueOf('They meet every week.', 'every week'), 'P1W');
  });
});

describe('dates: options and robustness', () => {
  it('without a publication date relative values are unknown but the text is kept', () => {
    assert.deepEqual(valuesOf('They will meet next week, not in 2020.', null), [
      ['next week', null],
      ['2020', '2020'],
    ]);
  });

  it('masked spans are skipped', () => {
    const text = 'Talks start next week. More news: Trump visits Japan on Friday';
    const maskStart = text.indexOf('More news');
    const found = extractDates(text, { published: PUBLISHED, mask: [{ start: maskStart, end: text.length }] });
    assert.deepEqual(found.map((d) => d.text), ['next week']);
  });

  it('works on lowercased, punctuation-stripped text', () => {
    assert.deepEqual(valuesOf('mr kim and mr putin will meet next week in vladivostok from march 19 to 25'), [
      ['next week', '2019-W17'],
      ['march 19 to 25', '2019-03-19/2019-03-25'],
    ]);
  });

  it('"may" the verb is not the month; quantities are not years', () => {
    assert.deepEqual(valuesOf('Prices may rise. It sold 2000 shares for $1990.'), []);
  });

  it('offsets are UTF-16 offsets into the text', () => {
    const text = 'Café 🎉 opened on April 25, 2019.';
    const [mention] = extractDates(text, { published: PUBLISHED });
    assert.equal(text.slice(mention.start, mention.end), 'April 25, 2019');
    assert.equal(mention.value, '2019-04-25');
  });
});

describe('dates: rule triggers', () => {
  // One or more expressions for every rule, in varied case: whatever a rule matches must
  // contain its trigger, or skipping the rule on texts without the trigger would lose it.
  const SAMPLES = [
    'On Monday, April 25-27, 2019 and Sept. 3 and the 4th of July 2018, 2019-04-16 and 4/16/19.',
    'In early March 2019, last May, the 1990s, the eighties, the 21st century and in nineteen ninety-eight.',
    'The third quarter of 2018, the latest fiscal quarter, the same period, this past week, the coming weekend.',
    'Yesterday morning, tonight, the day after tomorrow, next Friday evening and at 3:30 p.m. EST on Tuesday.',
    'About five years ago, a couple of months later, the past two decades, for hours, at noon, two thousand and one.',
    'Last summer, next spring 2020, Christmas Eve, New Year\'s Day, Thanksgiving, every other week, daily, each Monday.',
    'Right now, currently, these days, for the time being, recently, lately, the near future, the coming months.',
    'The year-earlier figure, by year-end, the year\'s end, the fiscal year ended, for the full year, the week of May 6.',
    'IN MARCH 2019 AND LAST WEEK, THE THIRD QUARTER AND YESTERDAY.',
  ].join(' ');

  it('every rule has a trigger, and every match of a rule contains it', async () => {
    const { TIMEX_RULES, TIMEX_TRIGGERS } = await import('../../src/annotate/timex-grammar.ts');
    for (const rule of TIMEX_RULES) {
      const trigger = TIMEX_TRIGGERS[rule.name];
      assert.ok(trigger, `rule ${rule.name} has no trigger`);
      rule.pattern.lastIndex = 0;
      let matches = 0;
      for (const match of SAMPLES.matchAll(rule.pattern)) {
        assert.ok(trigger.test(match[0]), `rule ${rule.name} matched "${match[0]}" without its trigger ${trigger}`);
        matches++;
      }
      rule.pattern.lastIndex = 0;
      assert.ok(matches > 0, `no sample exercises rule ${rule.name}`);
    }
  });

  it('no rule pattern can match a line break or anchor to the text\'s ends (rules run line by line)', async () => {
    const { TIMEX_RULES } = await import('../../src/annotate/timex-grammar.ts');
    for (const rule of TIMEX_RULES) {
      const source = rule.pattern.source;
      assert.equal(rule.pattern.flags.includes('m') || rule.pattern.flags.includes('s'), false, `rule ${rule.name} has flags ${rule.pattern.flags}`);
      let inClass = false;
      for (let i = 0; i < source.length; i++) {
        const c = source[i];
        const where = `rule ${rule.name} at ${i}: …${source.slice(Math.max(0, i - 20), i + 5)}`;
        if (c === '\\') {
          // Escapes that match a line break: \s, \S, \W, \D, \n, \r (inside a class or not).
          assert.equal('sSWDnr'.includes(source[i + 1]), false, where);
          i++;
          continue;
        }
        if (inClass) {
          if (c === ']') inClass = false;
          continue;
        }
        if (c === '[') {
          inClass = true;
          assert.notEqual(source[i + 1], '^', `negated class, ${where}`);
          continue;
        }
        assert.equal('.^$'.includes(c), false, where);
      }
    }
  });

  it('rules run over the lines holding their trigger find what each rule finds in the whole text', async () => {
    const { TIMEX_RULES } = await import('../../src/annotate/timex-grammar.ts');
    const { ruleMatches } = await import('../../src/annotate/dates.ts');
    // The samples as paragraphs, with lines that hold no trigger of most rules in between,
    // a CRLF, blank lines, and expressions at the very start and end of the text.
    // Where a match is, and where its groups are when the rule asks for their indices.
    const described = (rule: string, match: RegExpMatchArray) => `${rule} ${match.index} ${match[0]} ${JSON.stringify([match.indices, match.indices?.groups])}`;
    const paragraphs = SAMPLES.split(/(?<=\.) /);
    const body = paragraphs.map((p, i) => (i % 2 ? `${p}\nNothing of note here.\r\n\n` : `${p}\n\n`)).join('Plain words only.\n');
    for (const text of [`May 6 ${body}tomorrow`, body.replace(/\n/g, ' '), 'Yesterday', '']) {
      const wholeText: string[] = [];
      for (const rule of TIMEX_RULES) {
        for (const match of text.matchAll(rule.pattern)) wholeText.push(described(rule.name, match));
      }
      const lineByLine = [...ruleMatches(text)].map(({ rule, match }) => described(rule.name, match));
      if (text.length > 100) assert.ok(wholeText.length > 40 && wholeText.some((m) => m.includes('"day":[')), 'samples exercise group indices');
      assert.deepEqual(lineByLine, wholeText);
    }
  });

  it('a text without a rule\'s trigger still gets the expressions other rules find', () => {
    // No digit, month, weekday or season here: only the unit and deictic rules apply.
    assert.deepEqual(valuesOf('He said it would take weeks, and it happened yesterday.'), [
      ['weeks', 'PXW'],
      ['yesterday', '2019-04-15'],
    ]);
  });
});
