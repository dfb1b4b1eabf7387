import { expect } from '@open-wc/testing';
import { safeRedirectUrl } from '../../../src/config/safe-redirect.js';

describe('safeRedirectUrl', () => {
  it('accepts a relative path and resolves it against the page', () => {
    const url = safeRedirectUrl('ride.html?x=1#top');
    expect(url?.href).to.equal(new URL('ride.html?x=1#top', location.href).href);
  });

  it('accepts an absolute URL on this origin', () => {
    expect(safeRedirectUrl(`${location.origin}/members/`)?.pathname).to.equal('/members/');
  });

  for (const next of [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example/path',
    '\\\\evil.example/path',
    'http://' + location.host + '.evil.example/',
    'blob:' + location.origin + '/0b1c',
    '',
    '   ',
  ]) {
    it(`refuses ${JSON.stringify(next)}`, () => {
      expect(safeRedirectUrl(next)).to.equal(null);
    });
  }

  it('refuses another port on the same host', () => {
    const other = new URL(location.href);
    other.port = String(Number(location.port || 80) + 1);
    expect(safeRedirectUrl(other.href)).to.equal(null);
  });

  it('refuses null and undefined', () => {
    expect(safeRedirectUrl(null)).to.equal(null);
    expect(safeRedirectUrl(undefined)).to.equal(null);
  });
});
