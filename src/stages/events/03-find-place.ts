import type { ActorMention, EventPlace, Sentence, Token } from '../../document/types.js';
import { GEONAMES_CREDIT, lookupPlace } from '../../geo/gazetteer.js';

const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'inside', 'across']);

/**
 * Where a sentence's events happened: a city or place the actors layer found in it ("talks in
 * Seoul", "fighting in Idlib"), else capitalised words after "in", "at" or "near" that the
 * GeoNames gazetteer knows ("in Gangneung"). Coordinates come from the gazetteer, with its credit.
 */
export function findPlace(text: string, sentence: Sentence, tokens: readonly Token[], actors: readonly ActorMention[]): EventPlace | null {
  const inSentence = actors.filter((a) => a.start >= sentence.start && a.end <= sentence.end);
  const place = inSentence.find((a) => a.actor.kind === 'city' || a.actor.kind === 'place');
  if (place) {
    const geo = lookupPlace(place.text);
    return {
      name: place.text,
      country: place.actor.country ?? geo?.country ?? null,
      lat: geo?.lat ?? null,
      lon: geo?.lon ?? null,
      mention: { start: place.start, end: place.end, text: place.text },
      ...(geo ? { credit: GEONAMES_CREDIT } : {}),
    };
  }
  for (let k = sentence.tokenStart; k < sentence.tokenEnd - 1; k++) {
    if (!LOCATIVE.has(tokens[k]!.text.toLowerCase())) continue;
    let j = k + 1;
    while (j < sentence.tokenEnd && /^\p{Lu}[\p{L}'’.-]*$/u.test(tokens[j]!.text)) j++;
    if (j === k + 1) continue;
    const start = tokens[k + 1]!.start;
    const end = tokens[j - 1]!.end;
    // A capitalised run that the actors layer named is an actor, not a place.
    if (inSentence.some((a) => a.start < end && start < a.end)) continue;
    const name = text.slice(start, end);
    const geo = lookupPlace(name);
    if (geo) return { name: geo.name, country: geo.country, lat: geo.lat, lon: geo.lon, mention: { start, end, text: name }, credit: GEONAMES_CREDIT };
  }
  return null;
}
