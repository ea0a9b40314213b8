import { startTestApp, type TestApp } from '../../support/harness';
import { runMatrix, type Row } from './runner';

/** One app for the file; one test per area, each printing its table and failing on any mismatch. */
export function matrixSuite(name: string, areas: Record<string, Row[]>): () => TestApp {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(`access-matrix-${name}`);
  });
  afterAll(async () => {
    await app?.stop();
  });
  for (const [area, rows] of Object.entries(areas)) {
    it(`gives every caller exactly the status the access rules say: ${area}`, async () => {
      expect(await runMatrix(app, area, rows)).toEqual([]);
    });
  }
  return () => app;
}
