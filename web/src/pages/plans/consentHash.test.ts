import { describe, expect, it } from 'vitest';
import { consentContentHash, shortHash } from './consentHash';

describe('consentContentHash', () => {
  it('is the SHA-256 of JSON.stringify([title, body]), as the API computes it', () => {
    // The demo clinic's rhinoplasty consent, whose contentHash the API answers.
    const title = 'Consent to rhinoplasty and septoplasty';
    const body =
      'I consent to surgery on the shape and the inner structure of my nose. The risks have been explained to me, including bleeding, infection, breathing changes, septal perforation, asymmetry and the possible need for revision surgery. (Demo text, not legal advice.)';
    expect(consentContentHash(title, body)).toBe(
      'a16e9bc19874c85c72567a6de85e112b6f53beb6aedca156667bf0bb7a93e174',
    );
  });

  it('tells two texts apart even when their concatenations are equal', () => {
    expect(consentContentHash('ab', 'c')).not.toBe(consentContentHash('a', 'bc'));
  });

  it('shortens a hash for people', () => {
    expect(shortHash('a16e9bc19874c85c72567a6de85e112b6f53beb6aedca156667bf0bb7a93e174')).toBe(
      'a16e9bc1…7a93e174',
    );
  });
});
