import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bilouToBio, bioToBilou, LABELS, spansFromBio, toEntityType } from '../../src/annotate/ner/labels.ts';

test('BIO → BILOU → BIO keeps every entity', () => {
  const bio = ['B-PER', 'I-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'O', 'B-ORG', 'I-ORG'];
  const bilou = bioToBilou(bio).map((id) => LABELS[id]);
  assert.deepEqual(bilou, ['B-PER', 'I-PER', 'L-PER', 'O', 'U-LOC', 'U-LOC', 'O', 'B-ORG', 'L-ORG']);
  assert.deepEqual(bilouToBio(bioToBilou(bio)), bio);
});

test('IOB1 tags (I- opening an entity) read as entities too', () => {
  assert.deepEqual(spansFromBio(['I-ORG', 'I-ORG', 'O', 'I-PER', 'I-LOC']), [
    { start: 0, end: 2, type: 'ORG' },
    { start: 3, end: 4, type: 'PER' },
    { start: 4, end: 5, type: 'LOC' },
  ]);
});

test('CoNLL types map to Storyline entity types', () => {
  assert.deepEqual(['PER', 'ORG', 'LOC', 'MISC'].map(toEntityType), ['PERSON', 'ORG', 'PLACE', 'MISC']);
});
