import { buildOpenApiDocument } from '../../../src/api/openapi';

interface Operation {
  summary: string;
  deprecated?: boolean;
  description?: string;
  requestBody?: unknown;
  [field: string]: unknown;
}
const DISCOVERY_URL = 'https://sso.bureau.example/realms/bureau/.well-known/openid-configuration';
const doc = buildOpenApiDocument({ discoveryUrl: DISCOVERY_URL }) as {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { additionalProperties?: unknown }>;
    securitySchemes: Record<string, unknown>;
  };
};
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ op: `${method.toUpperCase()} ${path}`, operation })),
);

describe('the OpenAPI document', () => {
  it("advertises sign-in through OpenID Connect with the provider's discovery URL", () => {
    expect(doc.components.securitySchemes).toMatchObject({
      oidc: { type: 'openIdConnect', openIdConnectUrl: DISCOVERY_URL },
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });
    expect(doc.paths['/api/reports/summary']?.get?.security).toEqual([{ oidc: [] }, { bearer: [] }]);
  });

  it('serves the accept command on its own name, /accept', () => {
    const accept = doc.paths['/api/petitions/{id}/accept']?.post;
    expect(accept).toMatchObject({
      summary: expect.stringContaining('Accept'),
      requestBody: {
        content: { 'application/json': { schema: { $ref: '#/components/schemas/AcknowledgePetition' } } },
      },
    });
    expect(accept?.deprecated).toBeUndefined();
  });

  it('keeps /acknowledge as a deprecated alias of /accept: the same operation otherwise', () => {
    const { deprecated, description, ...alias } = doc.paths['/api/petitions/{id}/acknowledge']!.post!;
    expect(deprecated).toBe(true);
    expect(description).toContain('POST /api/petitions/{id}/accept');
    expect(alias).toEqual(doc.paths['/api/petitions/{id}/accept']!.post);
  });

  it('deprecates nothing but the former path', () => {
    expect(operations.filter(({ operation }) => operation.deprecated).map(({ op }) => op)).toEqual([
      'POST /api/petitions/{id}/acknowledge',
    ]);
  });

  it('says of every request body that it takes no other fields, as the API refuses them (F11)', () => {
    type Schema = { $ref?: string; additionalProperties?: unknown };
    const resolve = (schema: Schema) =>
      schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!]! : schema;
    const bodies = operations
      // JSON bodies: the one multipart body (an attachment upload) is a file, not fields (F11 is about JSON).
      .filter(({ operation }) => (operation.requestBody as any)?.content?.['application/json'] !== undefined)
      .map(({ op, operation }) => {
        const { content } = operation.requestBody as { content: Record<string, { schema: Schema }> };
        return {
          op,
          additionalProperties: resolve(content['application/json']!.schema).additionalProperties,
        };
      });
    expect(bodies.length).toBeGreaterThan(20);
    expect(bodies.filter((b) => b.additionalProperties !== false)).toEqual([]);
  });
});
