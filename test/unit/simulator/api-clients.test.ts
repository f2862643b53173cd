// API clients in a fleet description: well-formed ones pass, and each mistake is named with its
// place (ids, issuer, a public key that is not PEM or not RSA, enabled not a boolean).

import { generateKeyPairSync } from 'node:crypto';
import { validateFleetDescription } from '../../../src/simulator/description';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();

const fleet = (apiClients: unknown) => ({
  name: 'f',
  arrays: [{ name: 'fa-1', type: 'flasharray', apiClients }],
});

test('a well-formed API client passes', () => {
  expect(
    validateFleetDescription(fleet([{ id: 'c', keyId: 'k', issuer: 'i', publicKey: rsa, enabled: true }])),
  ).toEqual([]);
});

test('each mistake is named with its place', () => {
  expect(validateFleetDescription(fleet('nope'))).toEqual(['arrays[0].apiClients: must be a list']);
  expect(
    validateFleetDescription(
      fleet([
        { id: '', keyId: 'k', issuer: 'i', publicKey: rsa },
        { id: 'c', keyId: 'k', issuer: 'i', publicKey: 'not a key' },
        { id: 'c', keyId: 'k', issuer: 'i', publicKey: ec, enabled: 'yes' },
      ]),
    ),
  ).toEqual([
    'arrays[0].apiClients[0].id: must be a non-empty string',
    'arrays[0].apiClients[1].publicKey: not a PEM public key',
    'arrays[0].apiClients[2].enabled: must be true or false',
    'arrays[0].apiClients[2].publicKey: must be an RSA key (the arrays verify RS256)',
  ]);
});
