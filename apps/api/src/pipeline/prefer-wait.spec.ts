import { describe, expect, it } from '@jest/globals';
import { preferredWait } from './prefer-wait.js';

describe('preferredWait', () => {
  it('reads wait=N alone or among other preferences, with parameters', () => {
    expect(preferredWait('wait=5')).toBe(5);
    expect(preferredWait('respond-async, wait=12')).toBe(12);
    expect(preferredWait(['return=minimal', 'wait="7"; foo=bar'])).toBe(7);
  });

  it('clamps to 30 seconds', () => {
    expect(preferredWait('wait=3600')).toBe(30);
  });

  it('ignores absent or malformed preferences', () => {
    expect(preferredWait(undefined)).toBe(0);
    expect(preferredWait('wait=-1')).toBe(0);
    expect(preferredWait('wait=soon')).toBe(0);
    expect(preferredWait('waiting=5')).toBe(0);
  });
});
