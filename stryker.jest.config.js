// Jest as Stryker runs it (npm run mutate, docs/testing.md). A mutant is active only in the Jest
// process, so the tests whose subject runs in another process (bin/backstage-render, kpt, kustomize,
// kubectl, podman) cannot kill one; the whole-corpus sweeps (every operator example, every fixture
// twice, thousands of generated CRs) cover nearly every mutant of the render path and Stryker runs
// all covering tests of a mutant (Jest cannot bail), so they would make each mutant cost a minute
// on this machine. Both are left out here; the unit tests of each stage and test/fixtures.test.ts stay.
// The bundle is built once per sandbox by Stryker's buildCommand instead of by globalSetup per run.
const base = require('./jest.config.js');

module.exports = {
  ...base,
  globalSetup: undefined,
  reporters: undefined,
  testPathIgnorePatterns: [
    '/node_modules/',
    // other processes
    '<rootDir>/test/e2e/',
    '<rootDir>/test/bench/',
    '<rootDir>/test/image/',
    '<rootDir>/test/install/',
    '<rootDir>/test/reliability/hostile.test.ts',
    '<rootDir>/test/reliability/secrets.test.ts',
    '<rootDir>/test/yaml-writer/yaml-writer.test.ts',
    '<rootDir>/test/delivery/(kpt|kustomize|examples|moving-off|wired|argocd|readme|dockerfiles)\\.test\\.ts',
    // whole-corpus sweeps
    '<rootDir>/test/reliability/(properties|output-validation)\\.test\\.ts',
    '<rootDir>/test/validate/(properties|rendered-output)\\.test\\.ts',
    '<rootDir>/test/core/determinism.test.ts',
    '<rootDir>/test/parity/',
  ],
};
