// The harness's UI driver: lets the integration suite, which runs inside the extension host, do what a
// user does in the workbench that no VS Code API can (click the rule link in a hover or in the Problems
// panel, read the lightbulb's menu as it is drawn). A small HTTP server on 127.0.0.1, on a free port,
// for the run's duration only; the harness hands its address to the extension host in the environment
// (ONEX_UI_DRIVER), and test/integration/util.ts's `ui()` posts one operation at a time:
//
//   { op: 'waitFor', selector, hasText?, state?, timeoutMs? }     → null
//   { op: 'click',   selector, hasText?, nth?, timeoutMs? }       → null
//   { op: 'hover',   selector, hasText?, nth?, timeoutMs? }       → null
//   { op: 'texts',   selector, hasText? }                         → string[] (innerText of each match)
//   { op: 'fill',    selector, value, timeoutMs? }                → null
//   { op: 'press',   key }                                         → null
//
// `selector` is a CSS selector of the workbench page, `hasText` a substring the element must contain.
// The answer is { ok: true, value } or { ok: false, error }.
import { createServer } from 'node:http';

const DEFAULT_TIMEOUT_MS = 15_000;

function locate(page, { selector, hasText, nth }) {
  if (typeof selector !== 'string' || selector === '') throw new Error('a selector is required');
  const all = page.locator(selector, hasText ? { hasText } : undefined);
  return nth === undefined ? all.first() : all.nth(nth);
}

async function perform(page, request) {
  const timeout = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  switch (request.op) {
    case 'waitFor':
      await locate(page, request).waitFor({ state: request.state ?? 'visible', timeout });
      return null;
    case 'click':
      await locate(page, request).click({ timeout });
      return null;
    case 'hover':
      await locate(page, request).hover({ timeout });
      return null;
    case 'texts':
      return page.locator(request.selector, request.hasText ? { hasText: request.hasText } : undefined).allInnerTexts();
    case 'fill':
      await locate(page, request).fill(String(request.value ?? ''), { timeout });
      return null;
    case 'press':
      await page.keyboard.press(request.key);
      return null;
    default:
      throw new Error(`unknown operation ${JSON.stringify(request.op)}`);
  }
}

/**
 * Starts the driver for the page `currentPage()` returns (the harness starts it before the browser, to
 * give code-server its address); resolves to { url, close() }. Operations run one at a time, in order.
 */
export function startUiDriver(currentPage, log = () => {}) {
  let queue = Promise.resolve();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      queue = queue.then(async () => {
        let answer;
        try {
          const request = JSON.parse(body);
          log(`ui ${request.op} ${request.selector ?? request.key ?? ''}${request.hasText ? ` (${request.hasText})` : ''}`);
          const page = currentPage();
          if (!page) throw new Error('the workbench page is not open yet');
          answer = { ok: true, value: await perform(page, request) };
        } catch (error) {
          answer = { ok: false, error: error instanceof Error ? error.message : String(error) };
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }) });
    });
  });
}
