// Vitest configuration: every suite lives under test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A server a test starts without naming a database gets a private in-memory one, never data/.
    env: { DATABASE_FILE: ':memory:' },
  },
});
