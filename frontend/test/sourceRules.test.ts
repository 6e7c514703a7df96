/** The front-end rules from STYLE.md, and what the page's Content-Security-Policy needs, checked on the source itself. */
import { describe, expect, it } from 'vitest';
import { inlineCodeInHtml, inlineCodeInScript } from '../build/inlineCode';
import indexHtml from '../index.html?raw';

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

  it('thePageHasNoInlineScriptStyleOrHandler', () => {
    expect(inlineCodeInHtml(indexHtml)).toEqual([]);
  });

  it('noCodeWritesInlineStylesOrHandlersOrEvaluatesStrings', () => {
    for (const [file, text] of Object.entries(allSources)) {
      expect(inlineCodeInScript(text), file).toEqual([]);
    }
  });

  it('theCspCheckFindsWhatThePolicyWouldBlock', () => {
    const html = '<p style="color:red" onclick="go()"><script>alert(1)</script><style>p{}</style><a href="javascript:x">';
    expect(inlineCodeInHtml(html)).toHaveLength(5);
    expect(inlineCodeInHtml('<script type="module" crossorigin src="/assets/index.js"></script>')).toEqual([]);
    const script = "el.style.color = 'red'; el.setAttribute('onclick', 'x'); eval('1'); el.style.cssText = '';";
    expect(inlineCodeInScript(script)).toHaveLength(5);
  });
});
