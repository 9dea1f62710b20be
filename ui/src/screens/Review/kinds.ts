// Names and colours of the PHI kinds and column classes. Colour never carries
// meaning alone: every highlight also has the kind's name as text (badge, tag,
// legend, tooltip). Plain TypeScript so it can be unit-tested without a DOM.
import type { CSSProperties } from 'react';
import type { ColumnClass, FindingStatus, PhiKind } from '../../types';

/** Every kind, in the order of the Safe Harbor list. */
export const PHI_KINDS: readonly PhiKind[] = [
  'NAME',
  'GEO',
  'DATE',
  'AGE',
  'PHONE',
  'FAX',
  'EMAIL',
  'SSN',
  'MRN',
  'HEALTH_PLAN',
  'ACCOUNT',
  'LICENSE',
  'VEHICLE',
  'DEVICE',
  'URL',
  'IP',
  'BIOMETRIC',
  'OTHER_ID',
];

/** What each kind covers, in the words of the Safe Harbor list. */
export const KIND_DESCRIPTIONS: Record<PhiKind, string> = {
  NAME: 'Names',
  GEO: 'Places smaller than a state (street, city, county, ZIP code)',
  DATE: 'Dates other than the year',
  AGE: 'Ages over 89',
  PHONE: 'Telephone numbers',
  FAX: 'Fax numbers',
  EMAIL: 'Email addresses',
  SSN: 'Social Security numbers',
  MRN: 'Medical record numbers',
  HEALTH_PLAN: 'Health plan beneficiary numbers',
  ACCOUNT: 'Account numbers',
  LICENSE: 'Certificate and license numbers',
  VEHICLE: 'Vehicle identifiers and licence plates',
  DEVICE: 'Device identifiers and serial numbers',
  URL: 'Web addresses',
  IP: 'IP addresses',
  BIOMETRIC: 'Biometric identifiers',
  OTHER_ID: 'Other unique identifying numbers or codes',
};

/**
 * The strong colour of each kind (borders, swatches). Drawn from palettes designed to
 * stay apart under the common colour-vision deficiencies: Paul Tol's "muted" and
 * "bright" schemes and Okabe–Ito. The most frequent kinds get the most distinct hues.
 */
export const KIND_COLOURS: Record<PhiKind, string> = {
  NAME: '#CC6677',
  GEO: '#117733',
  DATE: '#332288',
  AGE: '#AA4499',
  PHONE: '#DDAA33',
  FAX: '#999933',
  EMAIL: '#88CCEE',
  SSN: '#882255',
  MRN: '#44AA99',
  HEALTH_PLAN: '#E69F00',
  ACCOUNT: '#0072B2',
  LICENSE: '#D55E00',
  VEHICLE: '#56B4E9',
  DEVICE: '#009E73',
  URL: '#CC79A7',
  IP: '#4477AA',
  BIOMETRIC: '#BBBBBB',
  OTHER_ID: '#777777',
};

/** Share of the kind colour in its tint (the rest is white): light enough for body text. */
export const TINT_SHARE = 0.3;

function channels(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(rgb: number[]): string {
  return `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}

/** `share` of `hex` mixed into white. */
export function tint(hex: string, share: number = TINT_SHARE): string {
  return toHex(channels(hex).map((v) => v * share + 255 * (1 - share)));
}

/** WCAG 2 relative luminance. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Contrast against white that outlines and underlines need (WCAG 1.4.11). */
export const EDGE_CONTRAST = 3;

/**
 * The colour darkened (mixed with black in small steps) until it has
 * EDGE_CONTRAST against white, so light colours still draw a visible outline.
 */
export function edge(hex: string): string {
  let rgb = channels(hex);
  for (let i = 0; i < 20 && contrastRatio(toHex(rgb), '#FFFFFF') < EDGE_CONTRAST; i++) {
    rgb = [rgb[0] * 0.92, rgb[1] * 0.92, rgb[2] * 0.92];
  }
  return toHex(rgb);
}

/**
 * The CSS custom properties a highlight of this kind uses: `--phi` (swatch),
 * `--phi-edge` (outlines, underlines) and `--phi-tint` (background behind text).
 */
export function kindStyle(kind: string): CSSProperties {
  const colour = (KIND_COLOURS as Record<string, string>)[kind] ?? KIND_COLOURS.OTHER_ID;
  return { '--phi': colour, '--phi-edge': edge(colour), '--phi-tint': tint(colour) } as CSSProperties;
}

/** The kind as shown in badges and tags: its JSON name with spaces, e.g. "HEALTH PLAN". */
export function kindText(kind: string): string {
  return kind.replace(/_/g, ' ');
}

/** The kind's description, or the kind itself when unknown. */
export function kindDescription(kind: string): string {
  return (KIND_DESCRIPTIONS as Record<string, string>)[kind] ?? kindText(kind);
}

export const CLASS_LABELS: Record<ColumnClass, string> = {
  direct: 'Direct identifier',
  quasi: 'Quasi-identifier',
  free_text: 'Free text',
  none: 'Not identifying',
};

export function classLabel(cls: string): string {
  return (CLASS_LABELS as Record<string, string>)[cls] ?? cls;
}

export const STATUS_LABELS: Record<FindingStatus, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  rejected: 'Rejected',
};

export function statusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string>)[status] ?? status;
}

/** A confidence of 0 to 1 as a whole percentage, e.g. "93%"; never rounds up to 100%. */
export function formatConfidence(confidence: number): string {
  if (!Number.isFinite(confidence)) return '—';
  const pct = Math.max(0, Math.min(100, confidence * 100));
  return `${pct >= 99.5 && pct < 100 ? 99 : Math.round(pct)}%`;
}
