// Renders plan comments and diagrams the way GitHub shows them, and checks the result:
//   Markdown   through cmark-gfm (GitHub's renderer: table and autolink extensions, raw
//              HTML allowed as GitHub allows <details>), parsed by Chromium's DOM;
//   Mermaid    every ```mermaid block, and every graph source, through the real Mermaid
//              library in headless Chromium.
// One browser session for everything. A PNG of each rendered comment is saved beside the
// manifest. Usage: node check_rendering.mjs MANIFEST.json
// The manifest: {"node_modules": DIR, "chromium": PATH, "items": [{"name", "markdown" or
// "mermaid": file, "details": N, "marker": sha, "table": bool, "texts": [...]}]}.
// Exit 0 when every check passed; 1 with every failure on stderr.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const manifestPath = process.argv[2];
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const outDir = path.dirname(manifestPath);
const require = createRequire(path.join(manifest.node_modules, 'noop.js'));
const puppeteer = require('puppeteer-core');
const mermaidScript = require.resolve('mermaid/dist/mermaid.min.js');

const failures = [];
const fail = (item, message) => failures.push(`${item.name}: ${message}`);

// The elements cmark-gfm makes of a plan comment; anything else came from plan text.
const allowedTags = new Set(['H3', 'H4', 'P', 'STRONG', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH',
  'TD', 'SUB', 'CODE', 'PRE', 'DETAILS', 'SUMMARY', 'UL', 'LI', 'A', 'EM', 'DEL', 'BR']);

function cmarkGfm(file) {
  return execFileSync('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'autolink', file],
    { encoding: 'utf8' });
}

const page_html = (body) => `<!doctype html><html><head><meta charset="utf-8"><style>
body { font: 14px/1.5 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1f2328;
       max-width: 1000px; margin: 16px; }
table { border-collapse: collapse; } th, td { border: 1px solid #d1d9e0; padding: 4px 10px; }
pre { background: #f6f8fa; padding: 12px; overflow: auto; }
.diagram { border: 1px solid #d1d9e0; padding: 8px; }
</style></head><body>${body}</body></html>`;

// In the page: the Markdown checks, on the DOM cmark-gfm's HTML became.
function checkComment(item, allowed) {
  const problems = [];
  const body = document.body;
  for (const element of body.querySelectorAll('*')) {
    if (!allowed.includes(element.tagName)) problems.push(`raw HTML element <${element.tagName}>`);
    for (const attribute of element.attributes) {
      const ok = (attribute.name === 'class' && /^language-(diff|mermaid)$/.test(attribute.value)) ||
        (attribute.name === 'align' && ['TH', 'TD'].includes(element.tagName)) ||
        (attribute.name === 'href' && element.tagName === 'A' && /^mailto:/.test(attribute.value));
      if (!ok) problems.push(`attribute ${attribute.name}="${attribute.value}" on <${element.tagName}>`);
    }
  }
  if (item.table) {
    const headers = [...body.querySelectorAll('table thead th')].map((th) => th.textContent);
    if (headers.join(',') !== 'instance,organization,add,change,destroy,adopt') {
      problems.push(`the summary is not a table with the expected columns: ${headers}`);
    }
  }
  const details = body.querySelectorAll('details');
  if (details.length !== item.details) problems.push(`${details.length} <details>, expected ${item.details}`);
  for (const d of details) {
    if (!d.querySelector(':scope > summary')) problems.push('a <details> without <summary>');
    if (!d.querySelector('pre > code.language-diff')) problems.push('a <details> without its diff');
    if (d.open) problems.push('a <details> is open');
  }
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  let marker = false;
  while (walker.nextNode()) {
    if (walker.currentNode.data.trim() === `glitchtip-gitops plan ${item.marker}`) marker = true;
  }
  if (!marker) problems.push('the hidden plan marker is not an HTML comment');
  for (const text of item.texts || []) {
    if (!body.textContent.includes(text)) problems.push(`the text does not show ${JSON.stringify(text)}`);
  }
  return problems;
}

// In the page: renders each Mermaid source in place of its block; returns what came out.
async function renderDiagrams(sources) {
  const results = [];
  const blocks = [...document.querySelectorAll('pre > code.language-mermaid')];
  for (let i = 0; i < sources.length; ++i) {
    const result = { nodes: 0, labels: [], foreign: 0, error: '' };
    try {
      const { svg } = await window.mermaid.render(`diagram${i}`, sources[i]);
      const holder = document.createElement('div');
      holder.className = 'diagram';
      holder.innerHTML = svg;
      if (blocks[i]) blocks[i].parentElement.replaceWith(holder); else document.body.append(holder);
      const root = holder.querySelector('svg');
      result.nodes = root.querySelectorAll('g.node').length;
      result.labels = [...root.querySelectorAll('g.node')].map((n) => n.textContent.trim());
      result.foreign = root.querySelectorAll('script, img, iframe, a, b, strong, em, code').length;
      if (/Syntax error|Parse error/i.test(root.textContent)) result.error = 'Mermaid drew an error';
    } catch (error) {
      result.error = String(error && error.message ? error.message : error);
    }
    results.push(result);
  }
  return results;
}

// The nodes a source declares (id["label"]) and their labels as Mermaid should show them.
function declaredNodes(source) {
  const labels = [];
  for (const line of source.split('\n')) {
    const match = /^\s+[a-z]+\d*\["(.*)"\]/.exec(line);
    if (match) labels.push(match[1].replace(/#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))));
  }
  return labels;
}

const userDataDir = mkdtempSync(path.join(tmpdir(), 'gg-chromium-'));
const started = Date.now();
const browser = await puppeteer.launch({
  executablePath: manifest.chromium,
  headless: true,
  userDataDir,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});
let diagrams = 0;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 800 });
  for (const item of manifest.items) {
    let sources;
    if (item.markdown) {
      const html = cmarkGfm(item.markdown);
      await page.setContent(page_html(html));
      for (const problem of await page.evaluate(checkComment, item, [...allowedTags])) fail(item, problem);
      sources = await page.evaluate(() =>
        [...document.querySelectorAll('pre > code.language-mermaid')].map((c) => c.textContent));
    } else {
      await page.setContent(page_html(''));
      sources = [readFileSync(item.mermaid, 'utf8')];
    }
    if (sources.length !== (item.diagrams ?? sources.length)) {
      fail(item, `${sources.length} Mermaid blocks, expected ${item.diagrams}`);
    }
    await page.addScriptTag({ path: mermaidScript });
    await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
    const results = await page.evaluate(renderDiagrams, sources);
    results.forEach((result, i) => {
      ++diagrams;
      const expected = declaredNodes(sources[i]);
      if (result.error) fail(item, `diagram ${i + 1}: ${result.error}`);
      if (result.nodes !== expected.length) {
        fail(item, `diagram ${i + 1}: ${result.nodes} nodes drawn, ${expected.length} declared`);
      }
      const missing = expected.filter((label) => !result.labels.includes(label));
      if (missing.length > 0) fail(item, `diagram ${i + 1}: labels not shown as written: ${JSON.stringify(missing.slice(0, 3))}`);
      if (result.foreign > 0) fail(item, `diagram ${i + 1}: ${result.foreign} markup elements came out of labels`);
    });
    await page.screenshot({ path: path.join(outDir, `${item.name}.png`), fullPage: true });
  }
} finally {
  await browser.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
console.log(`rendered ${manifest.items.length} comments and ${diagrams} diagrams in ${((Date.now() - started) / 1000).toFixed(1)} s; PNGs in ${outDir}`);
if (failures.length > 0) {
  for (const failure of failures) console.error(failure);
  process.exit(1);
}
