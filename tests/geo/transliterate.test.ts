import { describe, expect, it } from 'vitest';
import { searchKey, searchTerms, transliterate } from '../../geo/transliterate.ts';

describe('transliteration', () => {
  it('follows the official Bulgarian system', () => {
    expect(transliterate('Казанлък')).toBe('kazanlak');
    expect(transliterate('Шипка')).toBe('shipka');
    expect(transliterate('Хаджидимитрово')).toBe('hadzhidimitrovo');
    expect(transliterate('Горно Черковище')).toBe('gorno cherkovishte');
    expect(transliterate('Ясеново')).toBe('yasenovo');
    expect(transliterate('София')).toBe('sofia');
    expect(transliterate('Юнаци')).toBe('yunatsi');
  });

  it.each([
    ['Шипка', 'shipka'],
    ['Шипка', 'Šipka'],
    ['Казанлък', 'kazanlak'],
    ['Казанлък', 'Kazanluk'],
    ['Хаджидимитрово', 'hadjidimitrovo'],
    ['Хаджидимитрово', 'Hadzhidimitrovo'],
    ['Ясеново', 'jasenovo'],
    ['Черганово', 'cherganovo'],
    ['Горно Черковище', 'gorno cherkovishte'],
    ['Щастие', 'schastie'],
    ['Цар', 'tsar'],
    ['Цар', 'car'],
  ])('folds %s and %s to the same key', (cyrillic, latin) => {
    expect(searchKey(latin)).toBe(searchKey(cyrillic));
  });

  it('splits a query into distinct ASCII terms, dropping punctuation and SQL', () => {
    expect(searchTerms('„Шипка“, шипка; DROP TABLE--')).toEqual(['sipka', 'drop', 'table']);
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms('"*) OR 1=1')).toEqual(['or', '1']);
  });
});
