/**
 * What the page's Content-Security-Policy (script-src 'self'; style-src 'self'; no 'unsafe-inline',
 * no 'unsafe-eval') would block: code written into the HTML itself, or built from strings.
 * One list, used by the Vite build (on the HTML it emits) and by the source-rule tests.
 */
const IN_HTML: readonly (readonly [RegExp, string])[] = [
  [/<script\b(?![^>]*\bsrc\s*=)[^>]*>/gi, 'an inline <script>'],
  [/<style\b[^>]*>/gi, 'an inline <style>'],
  [/<[a-z][^>]*\sstyle\s*=[^>]*>/gi, 'a style= attribute'],
  [/<[a-z][^>]*\son[a-z]+\s*=[^>]*>/gi, 'an inline event handler (on...=)'],
  [/javascript:/gi, 'a javascript: URL'],
];

const IN_SCRIPT: readonly (readonly [RegExp, string])[] = [
  [/\.style\b/g, 'element.style (use a class)'],
  [/\.cssText\b/g, 'cssText (use a class)'],
  [/setAttribute\(\s*['"`](style|on[a-z]+)['"`]/g, 'setAttribute of a style or event handler'],
  [/\beval\(|\bnew Function\(/g, 'code built from a string'],
];

function find(text: string, rules: readonly (readonly [RegExp, string])[]): string[] {
  return rules.flatMap(([pattern, what]) => [...text.matchAll(pattern)].map((m) => `${what}: ${m[0]}`));
}

/** Everything in an HTML document that the policy would block; empty when there is none. */
export function inlineCodeInHtml(html: string): string[] {
  return find(html, IN_HTML);
}

/** Everything in a script's source that writes inline styles or handlers, or evaluates strings. */
export function inlineCodeInScript(source: string): string[] {
  return find(source, IN_SCRIPT);
}
