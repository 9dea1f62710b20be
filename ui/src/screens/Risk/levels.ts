// The generalization level chosen for each QI on the Risk screen, and the words of the
// level controls. Presentation only: the hierarchies and their level names come from Rust.
import type { AnonymizeResult, QiHierarchy } from '../../types';

/** Level chosen per QI column; a column not in it is at level 0 (the original values). */
export type QiLevels = Record<string, number>;

/** One level per QI, in QI order, for the assess_risk request. */
export function levelsFor(qi: string[], levels: QiLevels): number[] {
  return qi.map((column) => levels[column] ?? 0);
}

/** Whether any QI is generalized. */
export function isGeneralized(qi: string[], levels: QiLevels): boolean {
  return levelsFor(qi, levels).some((level) => level > 0);
}

/** The level names known so far, with those of `hierarchies` added (a column's hierarchy
 * depends only on the version's values, so it never changes on the screen). */
export function withLevelNames(
  known: Record<string, string[]>,
  hierarchies: QiHierarchy[],
): Record<string, string[]> {
  const next = { ...known };
  for (const h of hierarchies) next[h.column] = h.level_names;
  return next;
}

/**
 * The options of a QI's level control: the hierarchy's level names once known; before the
 * first assessment only "original values" (and the chosen level, so the control shows it).
 */
export function levelOptions(names: string[] | undefined, level: number): string[] {
  if (names && names.length > level) return names;
  const options = ['original values'];
  for (let l = 1; l <= level; l++) options.push(`level ${l}`);
  return options;
}

/** The levels an anonymization search chose, for the QIs it was run on. */
export function searchLevels(result: AnonymizeResult): QiLevels {
  return Object.fromEntries(result.levels.map((l) => [l.column, l.level]));
}

/** Whether a search's levels apply to the QIs chosen now (the same columns). */
export function searchFitsQi(result: AnonymizeResult, qi: string[]): boolean {
  const columns = result.levels.map((l) => l.column);
  return columns.length === qi.length && columns.every((c) => qi.includes(c));
}
