// `plainHttp` serves the arrays and the control API over plain HTTP, for
// clients or debugging tools that cannot use the CA.
import http from 'node:http';
import { startFleet } from '../../../src/simulator';

test('plain HTTP fleet: api_version, login and the control API', async () => {
  const fleet = await startFleet(
    { arrays: [{ name: 'fa-plain', type: 'flasharray', maxApiVersion: '2.30' }] },
    { plainHttp: true },
  );
  try {
    expect(fleet.arrays[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fleet.controlUrl).toMatch(/^http:\/\//);
    const get = (
      url: string,
      headers: Record<string, string> = {},
      method = 'GET',
    ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> =>
      new Promise((resolve, reject) => {
        const req = http.request(url, { method, headers }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const versions = JSON.parse((await get(`${fleet.arrays[0]!.url}/api/api_version`)).body) as {
      version: string[];
    };
    expect(versions.version.at(-1)).toBe('2.30');
    const login = await get(
      `${fleet.arrays[0]!.url}/api/2.30/login`,
      { 'api-token': fleet.arrays[0]!.apiToken },
      'POST',
    );
    expect(login.status).toBe(200);
    expect(login.headers['x-auth-token']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await fleet.control.fleet()).arrays[0]!.name).toBe('fa-plain');
  } finally {
    await fleet.stop();
  }
});
