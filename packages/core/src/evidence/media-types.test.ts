import { describe, expect, it } from 'vitest';
import { claimMatches, extensionFor, isEvidenceMediaType, isGenericMediaType, normaliseMediaType } from './media-types.ts';

describe('evidence media types', () => {
  it('resolves the spellings browsers, recorders and the detector use', () => {
    expect(normaliseMediaType('image/JPG')).toBe('image/jpeg');
    expect(normaliseMediaType('audio/ogg; codecs=opus')).toBe('audio/ogg');
    expect(normaliseMediaType(' text/plain;charset=UTF-8 ')).toBe('text/plain');
    expect(normaliseMediaType('audio/x-m4a')).toBe('audio/mp4');
    expect(normaliseMediaType('audio/webm')).toBe('video/webm');
    expect(normaliseMediaType('image/apng')).toBe('image/png');
    expect(normaliseMediaType('Image/GIF')).toBe('image/gif');
  });

  it('knows which types it recognises', () => {
    expect(isEvidenceMediaType('image/heic')).toBe(true);
    expect(isEvidenceMediaType('image/gif')).toBe(false);
    expect(isEvidenceMediaType('text/html')).toBe(false);
  });

  it('matches a claim against the detected type, allowing only formats the bytes cannot tell apart', () => {
    expect(claimMatches('image/png', 'image/png')).toBe(true);
    expect(claimMatches('application/pdf', 'image/png')).toBe(false);
    expect(claimMatches('image/jpeg', 'text/plain')).toBe(false);
    expect(claimMatches('image/heic', 'image/heif')).toBe(true);
    expect(claimMatches('audio/mp4', 'video/mp4')).toBe(true);
    expect(claimMatches('audio/mpeg', 'video/mp4')).toBe(false);
  });

  it('treats octet-stream as no claim and names downloads', () => {
    expect(isGenericMediaType('application/octet-stream')).toBe(true);
    expect(isGenericMediaType('image/png')).toBe(false);
    expect(extensionFor('video/quicktime')).toBe('mov');
    expect(extensionFor('image/gif')).toBe('bin');
  });
});
