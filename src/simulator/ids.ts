// Identifiers shaped like the ones Purity hands out, so clients that parse or
// display them see realistic values: UUIDs for `id`, 24 upper-case hex digits
// for FlashArray volume serials, UUID API tokens (FlashBlade prefixes `T-`).
import { createHash, randomUUID } from 'node:crypto';

export function newId(): string {
  return randomUUID();
}

export function newSessionToken(): string {
  return randomUUID();
}

export function newApiToken(type: 'flasharray' | 'flashblade'): string {
  return type === 'flashblade' ? `T-${randomUUID()}` : randomUUID();
}

/** The first 16 hex digits identify the array; the last 8 count volumes, as on a real FlashArray. */
export function serialPrefixFor(arrayId: string): string {
  return createHash('sha256').update(arrayId).digest('hex').slice(0, 16).toUpperCase();
}

export function volumeSerial(prefix: string, sequence: number): string {
  return prefix + (sequence & 0xffffffff).toString(16).toUpperCase().padStart(8, '0');
}

// Request ids are generated for every answer without one; a random per-process
// prefix plus a counter keeps them unique and UUID-shaped without paying for
// randomness on each request.
const requestIdPrefix = randomUUID().slice(0, 24);
let requestCounter = 0;
export function newRequestId(): string {
  requestCounter = (requestCounter + 1) % 0x1000000000000;
  return requestIdPrefix + requestCounter.toString(16).padStart(12, '0');
}
