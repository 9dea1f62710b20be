import { describe, expect, it } from 'vitest';
import { isGeneralized, levelOptions, levelsFor, searchFitsQi, searchLevels, withLevelNames } from './levels';
import { anonymizeResult } from './anonymizeFixture';

describe('QI levels', () => {
  it('sends one level per QI in QI order, 0 when none was chosen', () => {
    expect(levelsFor(['age', 'sex', 'zip'], { zip: 2, age: 1, gone: 3 })).toEqual([1, 0, 2]);
    expect(isGeneralized(['age', 'sex'], { zip: 2 })).toBe(false);
    expect(isGeneralized(['age', 'sex'], { sex: 1 })).toBe(true);
  });

  it('offers the level names once known, and keeps a chosen level visible before', () => {
    expect(levelOptions(undefined, 0)).toEqual(['original values']);
    expect(levelOptions(undefined, 2)).toEqual(['original values', 'level 1', 'level 2']);
    const names = ['original values', 'intervals of 5', 'suppressed (*)'];
    expect(levelOptions(names, 1)).toBe(names);
  });

  it('remembers the level names of every QI seen', () => {
    const sex = ['original values', 'suppressed (*)'];
    const known = withLevelNames({ sex }, anonymizeResult.hierarchies.slice(0, 1));
    expect(Object.keys(known).sort()).toEqual(['age', 'sex']);
    expect(known.age![1]).toBe('intervals of 5');
  });

  it("takes a search's levels only for the QIs it was run on", () => {
    expect(searchLevels(anonymizeResult)).toEqual({ age: 2, sex: 0, zip: 3 });
    expect(searchFitsQi(anonymizeResult, ['age', 'sex', 'zip'])).toBe(true);
    expect(searchFitsQi(anonymizeResult, ['age', 'zip'])).toBe(false);
    expect(searchFitsQi(anonymizeResult, ['age', 'sex', 'zip', 'patient_id'])).toBe(false);
  });
});
