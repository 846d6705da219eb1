import { describe, expect, it } from 'vitest';
import { ConlluError, readConllu, surfaceText, writeConllu } from './conllu.js';

const SAMPLE = [
  "# text = They don't wait.",
  '1\tThey\tthey\tPRON\tPRP\t_\t4\tnsubj\t_\t_',
  "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
  '2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_',
  "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
  '4\twait\twait\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No',
  '4.1\twaited\twait\tVERB\tVBD\t_\t_\t_\t4:conj\t_',
  '5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_',
  '',
].join('\n');

describe('CoNLL-U', () => {
  it('reads syntactic words, keeps multiword ranges aside and skips empty nodes', () => {
    const [s] = readConllu(SAMPLE);
    expect(s!.words).toEqual(['They', 'do', "n't", 'wait', '.']);
    expect(s!.heads).toEqual([4, 4, 4, 0, 4]);
    expect(s!.multiwords).toEqual([{ first: 1, last: 2, form: "don't", misc: '_' }]);
    expect(surfaceText(s!).text).toBe("They don't wait.");
  });

  it('writes back what it read, ranges included, without the empty node', () => {
    const written = writeConllu(readConllu(SAMPLE));
    expect(written).toBe(
      SAMPLE.split('\n')
        .filter((l) => !l.startsWith('4.1'))
        .join('\n') + '\n',
    );
  });

  it('names the line of a malformed row', () => {
    expect(() => readConllu('1\tA\ta\n')).toThrow(ConlluError);
    expect(() => readConllu('1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n3\tB\tb\tX\t_\t_\t1\tdep\t_\t_\n')).toThrow(
      /line 2: word ID "3" out of sequence/,
    );
  });
});
