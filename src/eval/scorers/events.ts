import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodedEvent } from '../../document/types.js';
import { createEngine } from '../../engine.js';
import { MissLog, prf, type EvalResult, type EvalRow, type Scorer } from '../scorer.js';
import { readJsonLines } from '../shared-data.js';
import { codeAgrees } from './actors-plover.js';
import { isoFromCompact, type PetrarchRecord } from './actors-petrarch.js';

interface GoldActor {
  text: string;
  code: string;
}
interface PloverRecord {
  id: string;
  text: string;
  /** The sources are parties to a joint act: each is also the other's target. */
  reciprocal?: boolean;
  expected: Array<{ source: GoldActor[] | unknown; target: GoldActor[] | unknown; event: string }>;
}

/** Our PLOVER event names (2021 table) as the gold records (PLOVER 0.5b1) name them. */
const GOLD_NAMES: Record<string, string[]> = {
  REQUEST: ['DEMAND'],
  ACCUSE: ['DISAPPROVE', 'INVESTIGATE'],
  ASSAULT: ['ASSAULT', 'FIGHT'],
};
const goldNamesOf = (event: string | null): string[] => (event ? (GOLD_NAMES[event] ?? [event]) : []);

const actorsOf = (value: unknown): GoldActor[] =>
  Array.isArray(value) ? value.filter((a): a is GoldActor => typeof a === 'object' && a !== null && 'code' in a) : [];

/**
 * Events on the PLOVER gold records: each sentence illustrates one event; it is found when a
 * predicted event has its PLOVER type, and then its source and target are compared by country.
 */
export const eventsPlover: Scorer = {
  layer: 'events',
  yardstick: 'PLOVER gold (plover-gsr-cameo.jsonl)',
  score(sharedDir): EvalResult {
    const records = readJsonLines<PloverRecord>(join(sharedDir, 'data', 'peers', 'plover-gsr-cameo.jsonl'));
    const engine = createEngine({ defaultDate: '2000-01-01' });
    const misses = new MissLog();
    let anyEvent = 0;
    let typeRight = 0;
    let sourceRight = 0;
    let targetRight = 0;
    let targetGold = 0;
    let allRight = 0;
    for (const record of records) {
      const gold = record.expected[0]!;
      const doc = engine.process({
        origin: { source: record.id },
        format: 'text',
        content: record.text,
        title: record.id,
        date: '2000-01-01',
      });
      const events = doc.events ?? [];
      if (events.length) anyEvent++;
      const typed = events.filter((e) => goldNamesOf(e.plover.event).includes(gold.event));
      const chosen: CodedEvent | undefined = typed[0] ?? events[0];
      const sources = actorsOf(gold.source);
      const targets = actorsOf(gold.target);
      const type = typed.length > 0;
      const source = chosen !== undefined && sources.some((g) => codeAgrees(g.code, chosen.source.actor));
      // A joint act ("X and Y agreed") has the parties as each other's targets.
      const jointTarget =
        record.reciprocal === true &&
        chosen?.target !== null &&
        chosen !== undefined &&
        sources.some((g) => codeAgrees(g.code, chosen.target!.actor));
      const target = targets.length
        ? chosen?.target !== null &&
          chosen !== undefined &&
          targets.some((g) => codeAgrees(g.code, chosen.target!.actor))
        : !chosen?.target || jointTarget;
      if (type) typeRight++;
      if (source) sourceRight++;
      if (targets.length) {
        targetGold++;
        if (target) targetRight++;
      }
      if (type && source && target) allRight++;
      if (!events.length) misses.add('no event', `${record.id} (${gold.event}): ${record.text}`);
      else if (!type)
        misses.add(
          'other event type',
          `${record.id}: gold ${gold.event}, ` +
            `predicted ${events.map((e) => `${e.code} ${e.plover.event ?? '-'}`).join(', ')} ` +
            `— ${record.text.slice(0, 100)}`,
        );
      else if (!source)
        misses.add(
          'wrong source',
          `${record.id}: gold ${sources.map((s) => s.code).join('/')}, predicted ${chosen!.source.actor.code} ` +
            `— ${record.text.slice(0, 100)}`,
        );
      else if (!target)
        misses.add(
          'wrong target',
          `${record.id}: gold ${targets.map((s) => s.code).join('/') || '-'}, ` +
            `predicted ${chosen!.target?.actor.code ?? '-'} ` +
            `— ${record.text.slice(0, 100)}`,
        );
    }
    const n = records.length;
    const row = (metric: string, value: number, count: number): EvalRow => ({
      layer: 'events',
      yardstick: this.yardstick,
      metric,
      value,
      n: count,
    });
    return {
      rows: [
        row('sentences with an event', anyEvent / n, n),
        row('event type right', typeRight / n, n),
        row('source country right', sourceRight / n, n),
        row('target country right (gold has one)', targetGold ? targetRight / targetGold : 0, targetGold),
        row('type, source and target all right', allRight / n, n),
      ],
      misses: misses.list(),
    };
  },
};

/**
 * The fictional world of the PETRARCH validation dictionary (countries, their capitals and
 * demonyms, people with date-bounded codes), in Dyad's actor format: the mapping the peers'
 * README asks for before `structure_only` records are scored.
 */
const FICTIONAL_ACTORS = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'eval',
  'petrarch-fictional-actors.txt',
);

/** Every name, demonym and metonym an actor file gives. */
function namesIn(actorFile: string): Set<string> {
  const names = new Set<string>();
  for (const match of actorFile.matchAll(/^\s+(?:names|demonyms|metonyms):\s*(.+)$/gm))
    for (const name of match[1]!.split(';')) names.add(name.trim());
  return names;
}

/**
 * For the names the mapping file lacks (old codes of real countries such as JAP for Japan), a
 * throwaway dictionary: every capitalised word whose first three letters give a code the records
 * expect becomes a country of that code. Names the mapping file gives are left to it.
 */
function guessedDictionary(records: readonly PetrarchRecord[], known: ReadonlySet<string>): string {
  const names = new Map<string, string>();
  for (const r of records) {
    const roots = new Set(
      r.expected
        .flatMap((e) => [e.source, e.target])
        .filter((c): c is string => c !== null)
        .map((c) => c.slice(0, 3)),
    );
    for (const word of r.text.match(/\b\p{Lu}[\p{Ll}']+(?:\s+\p{Lu}[\p{Ll}']+)?\b/gu) ?? []) {
      const first = word.split(/\s+/)[0]!;
      const root = word.slice(0, 3).toUpperCase();
      if (roots.has(root) && !known.has(first) && !names.has(first)) names.set(first, root);
    }
  }
  return [...names].map(([name, code]) => `country: ${name}\n  code: ${code}\n  names: ${name}\n`).join('\n');
}

/**
 * PETRARCH validation records: the nine `cameo_semantic` ones exactly (source, target and code),
 * and the 158 `structure_only` ones for structure — how many events, and who acts on whom —
 * after mapping their fictional names to codes and ignoring the event code.
 */
export const eventsPetrarch: Scorer = {
  layer: 'events',
  yardstick: 'PETRARCH validation records',
  score(sharedDir): EvalResult {
    const all = readJsonLines<PetrarchRecord>(join(sharedDir, 'data', 'peers', 'petrarch2-validation.jsonl')).filter(
      (r) => r.active,
    );
    const semantic = all.filter((r) => r.comparability === 'cameo_semantic');
    const structure = all.filter((r) => r.comparability === 'structure_only');
    const misses = new MissLog();
    const plain = createEngine();
    let tp = 0;
    let predicted = 0;
    let gold = 0;
    for (const r of semantic) {
      const doc = plain.process({
        origin: { source: r.id },
        format: 'text',
        content: r.text,
        title: r.id,
        date: isoFromCompact(r.date),
      });
      const events = doc.events ?? [];
      const coded = events.map((p) => `${p.source.actor.code}→${p.target?.actor.code ?? '-'} ${p.code}`).join(', ');
      predicted += events.length;
      gold += r.expected.length;
      for (const e of r.expected) {
        const hit = events.some(
          (p) =>
            codeAgrees(e.source ?? '', p.source.actor) &&
            (e.target ? p.target !== null && codeAgrees(e.target, p.target.actor) : p.target === null) &&
            p.code === e.code,
        );
        if (hit) tp++;
        else
          misses.add(
            'cameo_semantic: expected event not coded',
            `${r.id}: ${e.source} → ${e.target} ${e.code} in "${r.text}"; coded ${coded || 'nothing'}`,
          );
      }
    }
    const exact = prf(tp, predicted, gold);

    const mapping = readFileSync(FICTIONAL_ACTORS, 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'dyad-eval-'));
    const guessed = join(dir, 'guessed-actors.txt');
    writeFileSync(guessed, guessedDictionary(structure, namesIn(mapping)));
    const fictional = createEngine({ actorFiles: [FICTIONAL_ACTORS, guessed] });
    let countRight = 0;
    let pairsGold = 0;
    let pairsFound = 0;
    let noEventRight = 0;
    let noEventGold = 0;
    for (const r of structure) {
      const doc = fictional.process({
        origin: { source: r.id },
        format: 'text',
        content: r.text,
        title: r.id,
        date: isoFromCompact(r.date),
      });
      const events = doc.events ?? [];
      const coded = events.map((p) => `${p.source.actor.code}→${p.target?.actor.code ?? '-'} ${p.code}`).join(', ');
      const pairs = events.map((p) => `${p.source.actor.code}→${p.target?.actor.code ?? '-'}`).join(', ');
      if (r.expect_no_events || r.expected.length === 0) {
        noEventGold++;
        if (!events.length) noEventRight++;
        else misses.add('structure: event where none is expected', `${r.id}: "${r.text}" coded ${coded}`);
        continue;
      }
      if (events.length === r.expected.length) countRight++;
      for (const e of r.expected) {
        pairsGold++;
        const hit = events.some(
          (p) =>
            (e.source ? codeAgrees(e.source, p.source.actor) : true) &&
            (e.target ? p.target !== null && codeAgrees(e.target, p.target.actor) : true),
        );
        if (hit) pairsFound++;
        else
          misses.add(
            'structure: source→target not found',
            `${r.id}: ${e.source} → ${e.target} in "${r.text.slice(0, 120)}"; coded ${pairs || 'nothing'}`,
          );
      }
    }
    const withEvents = structure.length - noEventGold;
    const row = (metric: string, value: number, n: number): EvalRow => ({
      layer: 'events',
      yardstick: this.yardstick,
      metric,
      value,
      n,
    });
    return {
      rows: [
        row('cameo_semantic: exact events precision', exact.precision, predicted),
        row('cameo_semantic: exact events recall', exact.recall, gold),
        row('structure_only: event count right', withEvents ? countRight / withEvents : 0, withEvents),
        row('structure_only: source→target found', pairsGold ? pairsFound / pairsGold : 0, pairsGold),
        row('structure_only: no event where none expected', noEventGold ? noEventRight / noEventGold : 0, noEventGold),
      ],
      misses: misses.list(),
    };
  },
};
