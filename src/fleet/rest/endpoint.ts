// An array's management address as the roster gives it (`host`, `host:port`, an https URL) → the
// base URL the session talks to. Its own module, so configuration validation can use the same
// rule without loading the HTTP client.

export function normaliseEndpoint(endpoint: string): string {
  // Trailing slashes go by a scan from the end: /\/+$/ retries from every slash of a long run.
  const spaced = endpoint.trim();
  let end = spaced.length;
  while (end > 0 && spaced.charCodeAt(end - 1) === 0x2f /* / */) end--;
  const trimmed = spaced.slice(0, end);
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}
