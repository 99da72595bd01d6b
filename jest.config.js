/** Tests run from the TypeScript sources; `tsc --noEmit` type-checks separately (see .ci/run). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 60000,
};
