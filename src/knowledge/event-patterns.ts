import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CameoFacts } from '../document/types.js';
import { DATA_DIR } from './load.js';
import { KnowledgeError } from './parse-entries.js';

/** One CAMEO code of the codebook. */
export type CameoCode = CameoFacts;

/** The code of a pattern that names another sense of its word, which codes no event ("--- meet need"). */
export const NO_EVENT = '---';

/** One event pattern (data/README.md, "The pattern format"). */
export interface EventPattern {
  code: string;
  /** A noun pattern ("the visit of X to Y") rather than a verb pattern. */
  noun: boolean;
  /** The head's lemma alternatives (the verb or noun). */
  head: string[];
  /** The words after the head, each a set of lemma alternatives, in order. */
  words: string[][];
  /** Where the target comes: after this many of `words`, or null for no target. */
  targetAt: number | null;
  /** `TARGET!`: the act needs a party there ("question TARGET!": questioning a result is no arrest). */
  targetRequired?: boolean;
  /** Noun patterns: where the source comes, or null for an actor before the noun. */
  sourceAt: number | null;
  /** The pattern as written and where, for `via` and `dyad explain`. */
  text: string;
  file: string;
  line: number;
}

/** The compiled codebook and patterns. */
export interface EventKnowledge {
  codes: Map<string, CameoCode>;
  /** Verb patterns by head lemma. */
  verbs: Map<string, EventPattern[]>;
  /** Noun patterns by head lemma. */
  nouns: Map<string, EventPattern[]>;
}

function parseCodebook(text: string, file: string): Map<string, CameoCode> {
  const codes = new Map<string, CameoCode>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#') || line.startsWith('code\t')) return;
    const [code, goldstein, quad, ploverEvent, ploverMode, name] = line.split('\t');
    if (!code || !/^\d{2,4}$/.test(code) || name === undefined)
      throw new KnowledgeError(
        file,
        i + 1,
        `expected "code, goldstein, quadclass, plover_event, plover_mode, name" separated by tabs`,
      );
    const quadClass = Number(quad);
    if (![1, 2, 3, 4].includes(quadClass) || Number.isNaN(Number(goldstein)))
      throw new KnowledgeError(file, i + 1, `bad Goldstein weight or QuadClass for ${code}`);
    codes.set(code, {
      code,
      root: code.slice(0, 2),
      name,
      goldstein: Number(goldstein),
      quadClass: quadClass as CameoCode['quadClass'],
      plover: { event: ploverEvent || null, mode: ploverMode || null },
    });
  });
  return codes;
}

/**
 * Parses a pattern file. A line is `<CODE> [noun] <head> <word>...`, where a word is `a|b`
 * alternatives, `-`, `TARGET` (`TARGET!` when the act needs one) or (nouns) `SOURCE`.
 * @throws KnowledgeError naming file, line and reason.
 */
export function parsePatterns(text: string, file: string, codes: ReadonlyMap<string, CameoCode>): EventPattern[] {
  const patterns: EventPattern[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const lineNo = i + 1;
    const [code, ...rest] = line.split(/\s+/);
    // `---`: another sense of the word, no event ("meet needs" is no meeting).
    if (!code || !(/^\d{2,4}$/.test(code) || code === NO_EVENT))
      throw new KnowledgeError(file, lineNo, `a pattern starts with a CAMEO code or ---, found "${code}"`);
    if (code !== NO_EVENT && !codes.has(code))
      throw new KnowledgeError(file, lineNo, `${code} is not a CAMEO code of the codebook`);
    const noun = rest[0] === 'noun';
    const parts = noun ? rest.slice(1) : rest;
    const [head, ...tail] = parts;
    if (!head || head === 'TARGET' || head === 'SOURCE')
      throw new KnowledgeError(file, lineNo, `the pattern has no ${noun ? 'noun' : 'verb'}`);
    if (!/^[a-z'’-]+(?:\|[a-z'’-]+)*$/.test(head))
      throw new KnowledgeError(file, lineNo, `"${head}" is not a lower-case word or a|b alternatives`);
    const words: string[][] = [];
    let targetAt: number | null = null;
    let sourceAt: number | null = null;
    let targetRequired = false;
    for (const part of tail) {
      if (part === 'TARGET' || part === 'TARGET!') {
        if (targetAt !== null) throw new KnowledgeError(file, lineNo, 'TARGET is given twice');
        targetAt = words.length;
        targetRequired = part === 'TARGET!';
      } else if (part === 'SOURCE') {
        if (!noun)
          throw new KnowledgeError(file, lineNo, 'SOURCE belongs in noun patterns (a verb’s source is its subject)');
        sourceAt = words.length;
      } else if (/^[a-z'’-]+(?:\|[a-z'’-]+)*$/.test(part)) {
        words.push(part.split('|'));
      } else {
        throw new KnowledgeError(
          file,
          lineNo,
          `"${part}" is not a lower-case word, a|b alternatives, TARGET, TARGET! or SOURCE`,
        );
      }
    }
    const pattern: EventPattern = {
      code,
      noun,
      head: head.split('|'),
      words,
      targetAt,
      sourceAt,
      text: line,
      file,
      line: lineNo,
    };
    if (targetRequired) pattern.targetRequired = true;
    patterns.push(pattern);
  });
  return patterns;
}

const cache = new Map<string, EventKnowledge>();

/**
 * Loads the CAMEO codebook and every pattern file under `data/events/`, then the user's pattern
 * files, once per set of files.
 * @throws KnowledgeError naming file and line.
 */
export function loadEventKnowledge(userPatternFiles: readonly string[] = [], dataDir = DATA_DIR): EventKnowledge {
  const key = JSON.stringify([dataDir, ...userPatternFiles]);
  const cached = cache.get(key);
  if (cached) return cached;
  const dir = join(dataDir, 'events');
  const codebookFile = join(dir, 'cameo-codes.tsv');
  const codes = parseCodebook(readFileSync(codebookFile, 'utf8'), join('data', 'events', 'cameo-codes.tsv'));
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((f) => ({ path: join(dir, f), name: join('data', 'events', f) }))
    : [];
  const patterns = [...files, ...userPatternFiles.map((f) => ({ path: f, name: f }))].flatMap(({ path, name }) => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new KnowledgeError(
        name,
        0,
        `cannot read the pattern file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
    return parsePatterns(text, name, codes);
  });
  const verbs = new Map<string, EventPattern[]>();
  const nouns = new Map<string, EventPattern[]>();
  for (const p of patterns) {
    const index = p.noun ? nouns : verbs;
    for (const head of p.head) index.set(head, [...(index.get(head) ?? []), p]);
  }
  const knowledge = { codes, verbs, nouns };
  cache.set(key, knowledge);
  return knowledge;
}
