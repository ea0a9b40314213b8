import { ConfigError, estimatedEntropyBits, loadConfig } from '../../../src/config';

describe('configuration', () => {
  it('refuses a predictable AUTH_SECRET even when it is long enough', () => {
    expect(() => loadConfig({ AUTH_SECRET: 'a'.repeat(64) })).toThrow(ConfigError);
    expect(() => loadConfig({ AUTH_SECRET: 'abababababababababababababababababababab' })).toThrow(
      /too predictable/,
    );
    expect(() => loadConfig({ AUTH_SECRET: 'short' })).toThrow(/at least 32 characters/);
  });

  it('accepts a random secret', () => {
    const hex = '3f9a1c7e5b2d4f6081a3c5e7092b4d6f8a1c3e5f7b9d0e2f4a6c8e0b2d4f6a8c';
    expect(estimatedEntropyBits(hex)).toBeGreaterThanOrEqual(128);
    expect(loadConfig({ AUTH_SECRET: hex }).AUTH_SECRET).toBe(hex);
  });
});
