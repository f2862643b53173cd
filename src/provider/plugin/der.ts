// Just enough DER (ITU-T X.690) to write one X.509 certificate: lengths, SEQUENCE/SET, INTEGER,
// OID, strings, BOOLEAN, BIT STRING, OCTET STRING, UTCTime and context tags. Writing only
// (nothing here parses untrusted input).

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

export const der = {
  sequence: (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items)),
  set: (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items)),
  boolean: (value: boolean): Buffer => tlv(0x01, Buffer.from([value ? 0xff : 0x00])),
  /** A non-negative integer from big-endian bytes, minimally encoded. */
  unsignedInteger(bytes: Uint8Array): Buffer {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
    const body = Buffer.from(bytes.subarray(start));
    return tlv(0x02, (body[0] as number) & 0x80 ? Buffer.concat([Buffer.from([0]), body]) : body);
  },
  smallInteger: (value: number): Buffer => tlv(0x02, Buffer.from([value])),
  oid(dotted: string): Buffer {
    const arcs = dotted.split('.').map(Number);
    const [first = 0, second = 0, ...rest] = arcs;
    const out: number[] = [40 * first + second];
    for (const arc of rest) {
      const chunk: number[] = [arc & 0x7f];
      for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
      out.push(...chunk);
    }
    return tlv(0x06, Buffer.from(out));
  },
  utf8String: (text: string): Buffer => tlv(0x0c, Buffer.from(text, 'utf8')),
  octetString: (content: Buffer): Buffer => tlv(0x04, content),
  bitString: (content: Buffer, unusedBits = 0): Buffer =>
    tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content])),
  /** UTCTime, valid for years 1950–2049 as RFC 5280 requires. */
  utcTime(date: Date): Buffer {
    const two = (n: number): string => String(n).padStart(2, '0');
    const text =
      two(date.getUTCFullYear() % 100) +
      two(date.getUTCMonth() + 1) +
      two(date.getUTCDate()) +
      two(date.getUTCHours()) +
      two(date.getUTCMinutes()) +
      two(date.getUTCSeconds()) +
      'Z';
    return tlv(0x17, Buffer.from(text, 'ascii'));
  },
  /** [n] EXPLICIT: a constructed context tag around a complete encoding. */
  explicit: (n: number, content: Buffer): Buffer => tlv(0xa0 | n, content),
  /** [n] IMPLICIT primitive: the context tag replaces the string's own tag. */
  implicitPrimitive: (n: number, content: Buffer): Buffer => tlv(0x80 | n, content),
};
