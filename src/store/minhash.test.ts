import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/support/paths.js';
import {
  minhash,
  MinhashIndex,
  NEAR_DUPLICATE_SIMILARITY,
  SIGNATURE_SIZE,
  signatureBytes,
  signatureFromBytes,
  similarity,
} from './minhash.js';

const examples = readdirSync(join(REPO_ROOT, 'examples'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(REPO_ROOT, 'examples', f), 'utf8'));

/** A short wire story of our own, in paragraphs, and a second story on the same day's events. */
const STORY = [
  'The central bank raised its main interest rate by half a point on Tuesday, its third increase this year.',
  'The governor said prices were still rising too fast and that the bank was ready to act again if needed.',
  'Markets had expected a smaller step. The currency gained against the dollar within minutes of the decision.',
  'Business groups warned that higher borrowing costs would hurt small firms already facing weak demand at home.',
  'Economists at two large banks said they now expected one more increase before the end of the year.',
  'The bank will publish its next forecast in six weeks, together with the minutes of this meeting.',
];
const OTHER_STORY_SAME_DAY = [
  'Shares fell on Tuesday after the central bank raised its main interest rate by half a point.',
  'Banks led the losses while exporters gained as the currency rose against the dollar.',
  'Traders said the decision surprised markets, which had priced in a quarter-point increase at most.',
  'Oil prices were little changed and bond yields climbed to their highest level in three months.',
];

describe('minhash', () => {
  it('folds case and punctuation, and keeps word order', () => {
    const a = minhash('The U.N. imposed sanctions on North Korea.');
    expect(similarity(a, minhash('the u n  imposed SANCTIONS, on north korea'))).toBe(1);
    expect(
      similarity(minhash('Seoul warned Pyongyang on Monday'), minhash('Pyongyang warned Seoul on Monday')),
    ).toBeLessThan(NEAR_DUPLICATE_SIMILARITY);
  });

  it.each([
    [
      'a paragraph added',
      [...STORY.slice(0, 3), 'Officials declined to comment on the size of the next step.', ...STORY.slice(3)],
    ],
    ['a paragraph dropped', [...STORY.slice(0, 2), ...STORY.slice(3)]],
    [
      'a paragraph reworded',
      [STORY[0]!, 'The governor told reporters that prices were still climbing too quickly.', ...STORY.slice(2)],
    ],
    ['a credit line added', [...STORY, '(Reporting by Jane Roe; editing by John Doe)']],
  ])('links a copy with %s to its first copy', (_edit, copy) => {
    const index = new MinhashIndex();
    index.add('first', minhash(STORY.join('\n\n')));
    expect(index.find(minhash(copy.join('\n\n')))).toBe('first');
  });

  it('does not link a different story on the same event', () => {
    const index = new MinhashIndex();
    index.add('first', minhash(STORY.join('\n\n')));
    expect(index.find(minhash(OTHER_STORY_SAME_DAY.join('\n\n')))).toBeNull();
  });

  it('links a syndicated copy of each example to it, and no example to another', () => {
    const index = new MinhashIndex();
    examples.forEach((text, i) => {
      expect(index.find(minhash(text))).toBeNull();
      index.add(`example-${i}`, minhash(text));
    });
    examples.forEach((text, i) => {
      expect(index.find(minhash(`${text.trimEnd()}\n\n(Reporting by Jane Smith; editing by John Doe)`))).toBe(
        `example-${i}`,
      );
    });
  });

  it('answers as a comparison with every stored signature would, and gives the earliest match', () => {
    // A fixed-seed generator, so that a failure repeats.
    let state = 0x9e3779b9;
    const random16 = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) & 0xffff;
    };
    const randomSignature = () => Uint16Array.from({ length: SIGNATURE_SIZE }, random16);
    const index = new MinhashIndex();
    const stored: Array<{ id: string; signature: Uint16Array }> = [];
    for (let i = 0; i < 3000; i++) {
      const signature = randomSignature();
      index.add(`a${i}`, signature);
      stored.push({ id: `a${i}`, signature });
    }
    expect(index.size).toBe(3000);
    let found = 0;
    for (let i = 0; i < 1000; i++) {
      // Half the probes are stored signatures with some values changed (0 to 21 of 32), half are new.
      const probe = i % 2 ? randomSignature() : stored[(i * 7) % stored.length]!.signature.slice();
      if (i % 2 === 0) for (let k = 0; k < i % 22; k++) probe[(k * 13 + i) % SIGNATURE_SIZE] = random16();
      const near = stored.filter((s) => similarity(s.signature, probe) >= NEAR_DUPLICATE_SIMILARITY);
      const answer = index.find(probe);
      // The index may miss a pair that shares no band (rare near the threshold), never invent one.
      if (answer !== null) {
        found++;
        expect(answer).toBe(near[0]?.id);
      } else expect(near.every((s) => similarity(s.signature, probe) < 0.7)).toBe(true);
    }
    expect(found).toBeGreaterThan(300);
  });

  it('stores a signature in 64 bytes and reads it back; other lengths are no signature', () => {
    const signature = minhash(STORY.join(' '));
    const bytes = signatureBytes(signature);
    expect(bytes.length).toBe(64);
    expect(signatureFromBytes(bytes)).toEqual(signature);
    expect(signatureFromBytes(new Uint8Array(8))).toBeNull();
  });

  it('hashes texts shorter than a shingle', () => {
    expect(similarity(minhash('Sanctions'), minhash('sanctions!'))).toBe(1);
    expect(similarity(minhash('Sanctions'), minhash('Talks'))).toBeLessThan(NEAR_DUPLICATE_SIMILARITY);
  });
});
