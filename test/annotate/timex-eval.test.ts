import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTimeML, scoreDocument, timexScores } from '../../src/annotate/timex-eval.ts';

const DOC = `<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
It was a bad <TIMEX3 tid="t1" type="DURATION" value="P1W">week</TIMEX3> for A&amp;B. <EVENT eid="e1">Sales</EVENT> fell <TIMEX3 tid="t2" type="DATE" value="1998-01-07">yesterday</TIMEX3>.
</TEXT>
</TimeML>`;

describe('parseTimeML', () => {
  it('reads the creation time, the plain text and the gold expressions with offsets', () => {
    const doc = parseTimeML(DOC);
    assert.equal(doc.docId, 'TEST1');
    assert.equal(doc.dct, '1998-01-08');
    assert.ok(doc.text.includes('for A&B. Sales fell yesterday.'));
    assert.deepEqual(
      doc.timexes.map((t) => [doc.text.slice(t.start, t.end), t.value]),
      [['week', 'P1W'], ['yesterday', '1998-01-07']],
    );
  });

  it('rejects a file without <TEXT>', () => {
    assert.throws(() => parseTimeML('<TimeML></TimeML>'), /no <TEXT>/);
  });
});

describe('scoreDocument', () => {
  const gold = [
    { start: 0, end: 10, text: '', value: 'P1W', type: 'DURATION' },
    { start: 20, end: 30, text: '', value: '1998-01-07', type: 'DATE' },
    { start: 40, end: 45, text: '', value: 'PRESENT_REF', type: 'DATE' },
  ];

  it('counts strict, relaxed and value matches; value recall and precision use all expressions', () => {
    const system = [
      { start: 0, end: 10, value: 'P1W' }, // strict, value right
      { start: 22, end: 35, value: '1998-01-06' }, // relaxed only, value wrong
      { start: 60, end: 65, value: '1998' }, // spurious
    ];
    const counts = scoreDocument(gold, system);
    assert.deepEqual(counts, { gold: 3, system: 3, strict: 1, relaxedGold: 2, relaxedSystem: 2, valueCorrect: 1 });
    const scores = timexScores(counts);
    assert.ok(Math.abs(scores.value.f1 - 1 / 3) < 1e-9);
    assert.ok(Math.abs(scores.relaxed.f1 - 2 / 3) < 1e-9);
    assert.equal(scores.valueAccuracy, 0.5);
  });

  it('matches one to one: two system spans inside one gold span count once', () => {
    const counts = scoreDocument([gold[0]], [
      { start: 0, end: 4, value: 'P1W' },
      { start: 5, end: 10, value: 'P1W' },
    ]);
    assert.equal(counts.relaxedGold, 1);
    assert.equal(counts.relaxedSystem, 1);
    assert.equal(counts.valueCorrect, 1);
  });
});
