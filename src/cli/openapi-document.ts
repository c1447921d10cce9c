import { createApp } from '../app.factory';
import { loadConfig } from '../common/config/app-config';
import { createLogger } from '../common/logging/logger';

/**
 * The OpenAPI document `/api/openapi.json` serves, as JSON text, built in-process on a throw-away
 * database: no server or port needed. The web app's API types and the OpenAPI linters read it.
 */
export async function readOpenApiDocument(): Promise<string> {
  // A fixed bootstrap admin keeps the first start from printing a generated password.
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: '',
    PGLITE_DATA_DIR: 'memory://',
    BOOTSTRAP_ADMIN_EMAIL: 'types@contour.invalid',
    BOOTSTRAP_ADMIN_PASSWORD: 'not-a-real-password',
  });
  const app = await createApp(config, createLogger('silent'));
  try {
    const response = await app.getHttpAdapter().getInstance().inject('/api/openapi.json');
    if (response.statusCode !== 200) throw new Error(`openapi.json: ${response.statusCode}`);
    return response.body;
  } finally {
    await app.close();
  }
}
