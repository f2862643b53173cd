// Three projects, run in this order by `npm test` (scripts/test.mjs):
//   unit        — in-process, no child processes, no sockets beyond loopback helpers
//   integration — the simulator over real HTTPS, provider processes over real gRPC
//   e2e         — real terraform and tofu binaries driving the bundled provider
//   cdktf       — the CDKTF example (examples/cdktf) over the generated bindings; needs
//                 `node scripts/cdktf.mjs install package` first (the `cdktf` step of npm test)

const base = {
  transform: {
    '^.+\\.ts$': '<rootDir>/test/support/esbuild-transform.cjs',
    '^.+\\.proto$': '<rootDir>/test/support/proto-transform.cjs',
  },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json', 'proto'],
};
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/build-once.cjs',
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/e2e-setup.cjs',
    },
    {
      ...base,
      displayName: 'cdktf',
      testMatch: ['<rootDir>/examples/cdktf/test/**/*.test.ts', '<rootDir>/test/cdktf/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/examples/cdktf/test/setup.cjs'],
      globalSetup: '<rootDir>/test/support/e2e-setup.cjs',
    },
  ],
};
