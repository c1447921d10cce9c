// The server's source files the web app imports: pure TypeScript (Intl, no Node), so the browser
// and the server read times one way. Written once: scripts/build-web.mjs rebuilds the app when
// one changes, and eslint.config.mjs lets the app import these and nothing else from src/.
export const WEB_SHARED_SOURCES = ['src/common/time-zone.ts'];
