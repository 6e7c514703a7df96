/** The two front-end rules from STYLE.md, checked on the source itself. */
import { describe, expect, it } from 'vitest';

const protocolSources = import.meta.glob<string>('../src/protocol/*.ts', { query: '?raw', import: 'default', eager: true });
const allSources = import.meta.glob<string>('../src/**/*.ts', { query: '?raw', import: 'default', eager: true });

describe('source rules', () => {
  it('protocolCodeTouchesNoDom', () => {
    expect(Object.keys(protocolSources).length).toBeGreaterThan(5);
    for (const [file, text] of Object.entries(protocolSources)) {
      expect(text, file).not.toMatch(/\b(document|window|localStorage|sessionStorage|HTMLElement)\b/);
      expect(text, file).not.toMatch(/from '\.\.\/ui\//);
    }
  });

  it('protocolCodeUsesNoAny', () => {
    for (const [file, text] of Object.entries(protocolSources)) {
      expect(text, file).not.toMatch(/:\s*any\b|\bas any\b|<any>/);
    }
  });

  it('noCodeWritesHtmlFromStrings', () => {
    for (const [file, text] of Object.entries(allSources)) {
      expect(text, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });
});
