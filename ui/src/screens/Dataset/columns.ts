import type { ColumnInfo } from '../../types';

export const ROW_NUMBER_WIDTH = 96;

const WIDE_NAME = /note|comment|description|remark|text|address|reason|summary/i;

/** A sensible width in px for a column, from its type and name. */
export function columnWidth(column: ColumnInfo): number {
  if (WIDE_NAME.test(column.name)) return 320;
  switch (column.type) {
    case 'integer':
      return 120;
    case 'decimal':
      return 130;
    case 'date':
      return 140;
    default:
      return 180;
  }
}

export function isNumeric(column: ColumnInfo): boolean {
  return column.type === 'integer' || column.type === 'decimal';
}

export const TYPE_TAGS: Record<ColumnInfo['type'], string> = {
  integer: 'int',
  decimal: 'dec',
  date: 'date',
  text: 'text',
};

export const TYPE_NAMES: Record<ColumnInfo['type'], string> = {
  integer: 'whole number',
  decimal: 'decimal number',
  date: 'date',
  text: 'text',
};
