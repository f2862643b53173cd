// Purity's naming rules ("Purity Conventions"): letters, digits and `-`;
// volume names may also use `_`; first and last character alphanumeric; at
// least one letter; 1–63 characters. Names are case-insensitive on input and
// keep their case for display, so lookups go through `nameKey`.
// FlashBlade file-system naming rules are not published; the simulator
// applies the volume rule to them (documented as an assumption).
import { badRequest } from './errors';

const VOLUME_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/;
const OBJECT_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const HAS_LETTER = /[A-Za-z]/;

export function nameKey(name: string): string {
  return name.toLowerCase();
}

function shortened(name: string): string {
  return name.length > 64 ? `${name.slice(0, 61)}...` : name;
}

export function checkVolumeName(name: string, kind = 'Volume'): void {
  if (name.includes('::') || name.includes('/')) {
    // Pod (`pod::vol`) and volume-group (`vg/vol`) scoped names: the simulator has neither.
    const container = name.includes('::') ? 'Pod' : 'Volume group';
    throw badRequest(`${container} does not exist.`, shortened(name));
  }
  if (!VOLUME_NAME.test(name) || !HAS_LETTER.test(name)) {
    throw badRequest(
      `Invalid ${kind.toLowerCase()} name. Names use letters, digits, '-' and '_', start and end with a letter or digit, contain a letter and have at most 63 characters.`,
      shortened(name),
    );
  }
}

export function checkObjectName(name: string, kind: string): void {
  if (!OBJECT_NAME.test(name) || !HAS_LETTER.test(name)) {
    throw badRequest(
      `Invalid ${kind.toLowerCase()} name. Names use letters, digits and '-', start and end with a letter or digit, contain a letter and have at most 63 characters.`,
      shortened(name),
    );
  }
}
