import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputRecord } from '../document/types.js';

/** A small deterministic random generator (mulberry32), so every run benchmarks the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generates `count` articles from the examples: each is an example whose body paragraphs are
 * shuffled (the header and the furniture at the end stay in place) and whose title is numbered,
 * so no two are identical but all look like real pages to every stage.
 */
export function generateCorpus(examplesDir: string, count: number, seed = 42): InputRecord[] {
  const random = seededRandom(seed);
  const sources = readdirSync(examplesDir)
    .filter((f) => /\.(txt|html)$/.test(f))
    .sort()
    .map((f) => ({
      name: f,
      format: f.endsWith('.html') ? ('html' as const) : ('text' as const),
      content: readFileSync(join(examplesDir, f), 'utf8'),
    }));
  const records: InputRecord[] = [];
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length]!;
    let content: string;
    if (source.format === 'html') {
      const paragraphs = source.content.match(/<p>[\s\S]*?<\/p>/g) ?? [];
      const shuffled = shuffle(paragraphs, random);
      let k = 0;
      content = source.content.replace(/<p>[\s\S]*?<\/p>/g, () => shuffled[k++]!).replace(/<title>/, `<title>#${i} `);
    } else {
      const blocks = source.content.split(/\n\s*\n/);
      const head = blocks.slice(0, 3);
      const tail = blocks.slice(-3);
      content = [`${head[0]} #${i}`, ...head.slice(1), ...shuffle(blocks.slice(3, -3), random), ...tail].join('\n\n');
    }
    records.push({ origin: { source: `bench/${i}-${source.name}` }, format: source.format, content });
  }
  return records;
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
