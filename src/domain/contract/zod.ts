import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Every contract schema carries its OpenAPI name, description and example: zod is extended here, once,
// and the contract's files take `z` from this module so the extension is in place before any schema is built.
extendZodWithOpenApi(z);

export { z };
