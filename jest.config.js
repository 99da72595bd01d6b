/** Tests run from the TypeScript sources; `tsc --noEmit` type-checks separately (see .ci/run). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
  },
  globalSetup: '<rootDir>/test/global-setup.js',
  // Each skipped test is listed by name at the end (test/operator-data.ts says why tests skip).
  reporters: ['default', '<rootDir>/test/skipped-reporter.js'],
  testTimeout: 60000,
};
