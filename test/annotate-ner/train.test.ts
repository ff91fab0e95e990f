import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GazetteerBuilder } from '../../src/annotate/ner/gazetteer.ts';
import { bilouToBio, bioToBilou } from '../../src/annotate/ner/labels.ts';
import { NerModel } from '../../src/annotate/ner/model.ts';
import { parseModel, serialiseModel } from '../../src/annotate/ner/model-file.ts';
import { trainPerceptron, type TrainingSequence } from '../../src/annotate/ner/train.ts';

// A toy corpus: people before "visited", places after it, companies before "shares".
const SENTENCES: Array<[string, string]> = [
  ['John Smith visited Paris .', 'B-PER I-PER O B-LOC O'],
  ['Mary Jones visited Berlin today .', 'B-PER I-PER O B-LOC O O'],
  ['Acme Corp shares fell .', 'B-ORG I-ORG O O O'],
  ['Globex shares rose in Tokyo .', 'B-ORG O O O B-LOC O'],
  ['Peter Brown visited Rome .', 'B-PER I-PER O B-LOC O'],
  ['Initech shares were flat .', 'B-ORG O O O O'],
];

function corpus(): TrainingSequence[] {
  return SENTENCES.map(([text, tags]) => ({ words: text.split(' '), labels: bioToBilou(tags.split(' ')), caseless: false }));
}

function gazetteer(): { keys: Uint32Array; flags: Uint32Array } {
  const builder = new GazetteerBuilder();
  builder.add('Paris', 'bigcity');
  builder.add('Smith', 'name');
  return builder.toArrays();
}

test('the perceptron learns a separable toy corpus and generalises from context', () => {
  const data = trainPerceptron(corpus(), gazetteer(), { epochs: 8, seed: 7, minFeatureCount: 1 });
  const model = new NerModel(data);
  for (const [text, tags] of SENTENCES) {
    assert.deepEqual(bilouToBio(model.predict({ words: text.split(' '), caseless: false })), tags.split(' '), text);
  }
});

test('training is deterministic and the model file round-trips', () => {
  const options = { epochs: 4, seed: 42, minFeatureCount: 1, wordDropout: 0.2 };
  const a = serialiseModel(trainPerceptron(corpus(), gazetteer(), options));
  const b = serialiseModel(trainPerceptron(corpus(), gazetteer(), options));
  assert.ok(a.equals(b), 'same data and seed give the same bytes');
  const reloaded = new NerModel(parseModel(a));
  const words = 'Mary Jones visited Paris .'.split(' ');
  assert.deepEqual(bilouToBio(reloaded.predict({ words, caseless: false })), ['B-PER', 'I-PER', 'O', 'B-LOC', 'O']);
  assert.throws(() => parseModel(Buffer.from('not a model')), /incorrect header|not a Storyline/);
});
