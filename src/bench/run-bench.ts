import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, DEFAULT_STAGES, type Engine } from '../engine.js';
import { getSyntaxModel, parseTokenSentences } from '../nlp/syntax/index.js';
import { getNlp } from '../nlp/wink.js';
import { generateCorpus } from './corpus.js';

/**
 * `npm run bench`: throughput and peak memory of the pipeline over a generated corpus, and in
 * the same process, on the same cleaned text, bare wink-nlp tokenisation with part-of-speech
 * tagging as the baseline. The pipeline is timed whole and cut after each stage that closed an
 * issue, so that what each layer costs shows in one run. Writes `.bench/pipeline.json`.
 */
const ARTICLES = Number(process.env.DYAD_BENCH_ARTICLES ?? 2000);
const ROUNDS = 5;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = generateCorpus(join(repoRoot, 'examples'), ARTICLES);
const full = createEngine({ defaultDate: '2020-01-01' });
/** Pipelines to time: each cut after a stage, up to the whole. */
const cuts: Array<{ name: string; engine: Engine }> = [
  ...['sentences']
    .filter((stage) => stage !== full.stages.at(-1))
    .map((stage) => ({ name: `until ${stage}`, engine: createEngine({ defaultDate: '2020-01-01', until: stage }) })),
  // Quotes and events read the parse, so the pipeline without the syntax stage leaves them out too.
  {
    name: 'without syntax (and quotes, events)',
    engine: createEngine({
      defaultDate: '2020-01-01',
      stages: DEFAULT_STAGES.filter((stage) => !['syntax', 'quotes', 'events'].includes(stage.name)),
    }),
  },
  { name: `full (${full.stages.join(', ')})`, engine: full },
];
const nlp = getNlp();

// Warm up every path (JIT, model and dictionary loads) and collect the text the baseline reads.
const cleaned = corpus.map((record) => full.process(record).text ?? '');
for (const cut of cuts) for (const record of corpus.slice(0, 200)) cut.engine.process(record);

/**
 * CPU seconds this process has used. The machine is shared, so CPU time, not wall time, is what
 * compares runs: another process's load does not count against either side.
 */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

interface Round {
  seconds: number;
  tokens: number;
  /** Milliseconds per stage, summed over the corpus, split by input format. */
  stageMs: Record<string, Record<string, number>>;
}

function timePipeline(engine: Engine): Round {
  let tokens = 0;
  const stageMs: Round['stageMs'] = { text: {}, html: {} };
  const started = cpuSeconds();
  for (const record of corpus) {
    const doc = engine.process(record);
    tokens += doc.tokens?.length ?? 0;
    const byStage = stageMs[record.format]!;
    for (const t of doc.timings) byStage[t.stage] = (byStage[t.stage] ?? 0) + t.ms;
  }
  return { seconds: cpuSeconds() - started, tokens, stageMs };
}

function timeBaseline(): Round {
  let tokens = 0;
  const started = cpuSeconds();
  for (const text of cleaned) {
    const doc = nlp.readDoc(text);
    tokens += (doc.tokens().out(nlp.its.pos) as string[]).length;
  }
  return { seconds: cpuSeconds() - started, tokens, stageMs: {} };
}

// The parser alone (tagging and parsing, one core) on the corpus's own sentences.
const syntaxModel = getSyntaxModel();
const articleSentences = corpus.slice(0, 500).map((record) => {
  const doc = full.process(record);
  return (doc.sentences ?? []).map((s) => doc.tokens!.slice(s.tokenStart, s.tokenEnd));
});
function timeParser(): Round {
  let tokens = 0;
  const started = cpuSeconds();
  for (const sentences of articleSentences) {
    parseTokenSentences(syntaxModel, sentences);
    for (const s of sentences) tokens += s.length;
  }
  return { seconds: cpuSeconds() - started, tokens, stageMs: {} };
}

// Alternate everything so that no side gets a warmer machine; keep each one's best round.
const best = (a: Round | undefined, b: Round): Round => (a && a.seconds <= b.seconds ? a : b);
let baseline: Round | undefined;
let parser: Round | undefined;
const pipelines = new Map<string, Round>();
for (let round = 0; round < ROUNDS; round++) {
  baseline = best(baseline, timeBaseline());
  parser = best(parser, timeParser());
  for (const cut of cuts) pipelines.set(cut.name, best(pipelines.get(cut.name), timePipeline(cut.engine)));
}

const perSecond = (r: Round) => ({
  articlesPerSecond: corpus.length / r.seconds,
  tokensPerSecond: r.tokens / r.seconds,
  seconds: r.seconds,
});
const result = {
  date: new Date().toISOString(),
  machine:
    `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} ` +
    `GiB, Node ${process.version}`,
  articles: corpus.length,
  articlesByFormat: {
    text: corpus.filter((r) => r.format === 'text').length,
    html: corpus.filter((r) => r.format === 'html').length,
  },
  baseline: { what: 'wink-nlp readDoc + POS over the same cleaned text', ...perSecond(baseline!) },
  parser: {
    what: 'syntax model alone: tagging + parsing of the pipeline tokens of 500 articles',
    wordsPerSecond: parser!.tokens / parser!.seconds,
    words: parser!.tokens,
  },
  pipelines: Object.fromEntries(
    [...pipelines].map(([name, r]) => [
      name,
      { ...perSecond(r), ratio: baseline!.seconds / r.seconds, stageMsByFormat: r.stageMs },
    ]),
  ),
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
};

console.log(`machine: ${result.machine}`);
console.log(
  `corpus: ${result.articles} articles generated from examples/ (${result.articlesByFormat.text} ` +
    `text, ${result.articlesByFormat.html} HTML); CPU time, best of ${ROUNDS} ` +
    `rounds`,
);
console.log(
  `baseline: ${result.baseline.articlesPerSecond.toFixed(0)} articles/s, ` +
    `${result.baseline.tokensPerSecond.toFixed(0)} ` +
    `tokens/s (${result.baseline.what})`,
);
for (const [name, p] of Object.entries(result.pipelines)) {
  console.log(
    `pipeline ${name}: ${p.articlesPerSecond.toFixed(0)} articles/s, ${p.tokensPerSecond.toFixed(0)} ` +
      `tokens/s, ratio to baseline ${(p.ratio * 100).toFixed(1)}%`,
  );
}
console.log(
  `parser: ${result.parser.wordsPerSecond.toFixed(0)} words/s (${result.parser.what}, ${result.parser.words} words)`,
);
const withSyntax = Object.values(result.pipelines).at(-1)!;
const withoutSyntax = result.pipelines['without syntax (and quotes, events)']!;
console.log(
  `syntax stage: full pipeline at ` +
    `${((withSyntax.articlesPerSecond / withoutSyntax.articlesPerSecond) * 100).toFixed(1)}% ` +
    `of the speed of the pipeline without syntax, quotes and events (the stage's own cost: see ms by stage)`,
);
const last = Object.values(result.pipelines).at(-1)!;
for (const [format, stages] of Object.entries(last.stageMsByFormat)) {
  const n = result.articlesByFormat[format as 'text' | 'html'];
  const parts = Object.entries(stages).map(([stage, ms]) => `${stage} ${(ms / n).toFixed(2)}`);
  console.log(`ms per ${format} article by stage: ${parts.join(', ')}`);
}
console.log(`peak RSS: ${result.peakRssMiB.toFixed(0)} MiB`);
mkdirSync(join(repoRoot, '.bench'), { recursive: true });
writeFileSync(join(repoRoot, '.bench', 'pipeline.json'), JSON.stringify(result, null, 2) + '\n');
