import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engine.js';
import { getNlp } from '../nlp/wink.js';
import { generateCorpus } from './corpus.js';

/**
 * `npm run bench`: throughput and peak memory of the whole pipeline over a generated corpus, and
 * in the same process, on the same cleaned text, bare wink-nlp tokenisation with part-of-speech
 * tagging as the baseline. Prints the figures and the ratio; writes them to `.bench/pipeline.json`.
 */
const ARTICLES = Number(process.env.DYAD_BENCH_ARTICLES ?? 2000);
const ROUNDS = 3;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = generateCorpus(join(repoRoot, 'examples'), ARTICLES);
const engine = createEngine({ defaultDate: '2020-01-01' });
const nlp = getNlp();

// Warm up both paths (JIT, model load) and collect the cleaned text the baseline will read.
const cleaned = corpus.map((record) => engine.process(record).text ?? '');

interface PipelineRound {
  seconds: number;
  tokens: number;
  /** Milliseconds per stage, summed over the corpus, split by input format. */
  stageMs: Record<string, Record<string, number>>;
}

function timePipeline(): PipelineRound {
  let tokens = 0;
  const stageMs: PipelineRound['stageMs'] = { text: {}, html: {} };
  const started = performance.now();
  for (const record of corpus) {
    const doc = engine.process(record);
    tokens += doc.tokens?.length ?? 0;
    const byStage = stageMs[record.format]!;
    for (const t of doc.timings) byStage[t.stage] = (byStage[t.stage] ?? 0) + t.ms;
  }
  return { seconds: (performance.now() - started) / 1000, tokens, stageMs };
}

function timeBaseline(): { seconds: number; tokens: number } {
  let tokens = 0;
  const started = performance.now();
  for (const text of cleaned) {
    const doc = nlp.readDoc(text);
    tokens += (doc.tokens().out(nlp.its.pos) as string[]).length;
  }
  return { seconds: (performance.now() - started) / 1000, tokens };
}

// Alternate the two so that neither gets a warmer machine; keep each one's best round.
let pipeline: PipelineRound = { seconds: Infinity, tokens: 0, stageMs: {} };
let baseline = { seconds: Infinity, tokens: 0 };
for (let round = 0; round < ROUNDS; round++) {
  const b = timeBaseline();
  if (b.seconds < baseline.seconds) baseline = b;
  const p = timePipeline();
  if (p.seconds < pipeline.seconds) pipeline = p;
}

const result = {
  date: new Date().toISOString(),
  machine: `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  articles: corpus.length,
  pipeline: {
    articlesPerSecond: corpus.length / pipeline.seconds,
    tokensPerSecond: pipeline.tokens / pipeline.seconds,
    seconds: pipeline.seconds,
  },
  baseline: {
    what: 'wink-nlp readDoc + POS over the same cleaned text',
    articlesPerSecond: corpus.length / baseline.seconds,
    tokensPerSecond: baseline.tokens / baseline.seconds,
    seconds: baseline.seconds,
  },
  ratio: baseline.seconds / pipeline.seconds,
  stageMsByFormat: pipeline.stageMs,
  articlesByFormat: { text: corpus.filter((r) => r.format === 'text').length, html: corpus.filter((r) => r.format === 'html').length },
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
};

console.log(`machine: ${result.machine}`);
console.log(`corpus: ${result.articles} articles generated from examples/ (best of ${ROUNDS} rounds)`);
console.log(`pipeline: ${result.pipeline.articlesPerSecond.toFixed(0)} articles/s, ${result.pipeline.tokensPerSecond.toFixed(0)} tokens/s`);
console.log(`baseline: ${result.baseline.articlesPerSecond.toFixed(0)} articles/s, ${result.baseline.tokensPerSecond.toFixed(0)} tokens/s (${result.baseline.what})`);
console.log(`ratio pipeline/baseline: ${(result.ratio * 100).toFixed(1)}%`);
for (const [format, stages] of Object.entries(result.stageMsByFormat)) {
  const n = result.articlesByFormat[format as 'text' | 'html'];
  const parts = Object.entries(stages).map(([stage, ms]) => `${stage} ${(ms / n).toFixed(2)}`);
  console.log(`ms per ${format} article by stage (${n} articles): ${parts.join(', ')}`);
}
console.log(`peak RSS: ${result.peakRssMiB.toFixed(0)} MiB`);
mkdirSync(join(repoRoot, '.bench'), { recursive: true });
writeFileSync(join(repoRoot, '.bench', 'pipeline.json'), JSON.stringify(result, null, 2) + '\n');
