import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SearchAttributeType } from '@temporalio/common';
import { parse } from 'yaml';
import { ConfigSchema, loadConfig } from '../../../src/config';
import { PETITION_SEARCH_ATTRIBUTES } from '../../../src/workflows/search-attributes';

/**
 * What can be checked of the deployment files without a Docker engine: the compose file and the
 * Dockerfile are read as data and held against the code they deploy (config schema, search attributes,
 * CLI subcommands), so that a rename on one side fails here instead of at `docker compose up`.
 */

const ROOT = path.resolve(__dirname, '../../..');

// The CLI module is still being written; these are its planned subcommands.
const CLI_SUBCOMMANDS = ['start', 'worker', 'api', 'migrate', 'token', 'deadline', 'rules'];

const APP_SERVICES = ['migrate', 'api', 'worker'] as const;

// `temporal operator search-attribute create --type` names, per SDK type. A Record over the SDK union,
// so a new SDK type fails to compile here until it is mapped.
const CLI_TYPE_NAMES: Record<SearchAttributeType, string> = {
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

type EnvironmentValue = string | number | boolean | null;

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, EnvironmentValue> | string[];
  ports?: (string | number | { target: number | string; published?: number | string; host_ip?: string })[];
  volumes?: (string | { type?: string; source?: string; target: string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  restart?: string;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(ROOT, relative), 'utf8');
}

function loadCompose(): ComposeFile {
  // Compose honours `<<` merge keys; YAML 1.2 parsers need them switched on.
  const doc: unknown = parse(readRepoFile('docker-compose.yml'), { merge: true });
  if (typeof doc !== 'object' || doc === null || !('services' in doc)) {
    throw new Error('docker-compose.yml has no services');
  }
  return doc as ComposeFile;
}

const compose = loadCompose();

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service '${name}'`);
  return found;
}

// A stand-in for variables without a default: long enough for AUTH_SECRET, URL-safe for DATABASE_URL.
const DUMMY = 'dummy-interpolated-value-0123456789abcdef';
/** The issuer must be a URL. */
const DUMMY_ISSUER = 'https://sso.bureau.example/realms/bureau';

/** Compose interpolation, with every variable unset: defaults apply, required ones get DUMMY. */
function interpolate(value: string): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match: string, braced?: string, operator?: string, argument?: string) => {
      if (match === '$$') return '$';
      if (!braced) return ''; // bare $VAR, unset
      if (operator === ':-' || operator === '-') return argument ?? '';
      if (operator === ':+' || operator === '+') return '';
      return braced === 'OIDC_ISSUER' ? DUMMY_ISSUER : DUMMY;
    },
  );
}

function rawEnvironment(svc: ComposeService): Record<string, string> {
  const env = svc.environment ?? {};
  const entries: [string, string][] = Array.isArray(env)
    ? env.map((item) => {
        const eq = item.indexOf('=');
        return eq < 0 ? [item, ''] : [item.slice(0, eq), item.slice(eq + 1)];
      })
    : Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries);
}

function resolvedEnvironment(svc: ComposeService): Record<string, string> {
  return Object.fromEntries(Object.entries(rawEnvironment(svc)).map(([k, v]) => [k, interpolate(v)]));
}

interface ImageRef {
  name: string;
  tag?: string;
  digest?: string;
}

function imageRef(image: string): ImageRef {
  const [withoutDigest = '', digest] = interpolate(image).split('@');
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  // A colon before the last slash belongs to a registry port, not to a tag.
  if (colon > slash) {
    return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  }
  return { name: withoutDigest, digest };
}

function imageOf(name: string): ImageRef {
  const image = service(name).image;
  if (!image) throw new Error(`service '${name}' has no image`);
  return imageRef(image);
}

function serviceNamesWithImage(imageName: string): string[] {
  return Object.entries(compose.services)
    .filter(([, svc]) => svc.image !== undefined && imageRef(svc.image).name === imageName)
    .map(([name]) => name);
}

interface PortMapping {
  hostIp?: string;
  published?: number;
  target: number;
}

function ports(svc: ComposeService): PortMapping[] {
  return (svc.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      return {
        hostIp: port.host_ip,
        published: port.published === undefined ? undefined : Number(interpolate(String(port.published))),
        target: Number(port.target),
      };
    }
    // [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]
    const parts = interpolate(String(port)).split('/')[0]!.split(':');
    const target = Number(parts.pop());
    const published = parts.length > 0 ? Number(parts.pop()) : undefined;
    return { hostIp: parts.length > 0 ? parts.join(':') : undefined, published, target };
  });
}

function commandArgs(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : value.trim().split(/\s+/);
}

function dependencies(svc: ComposeService): Record<string, string> {
  const deps = svc.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([name, spec]) => [name, spec.condition ?? 'service_started']),
  );
}

/** The host file behind a container path, through the service's bind mounts. */
function hostPathOf(svc: ComposeService, containerPath: string): string | undefined {
  for (const volume of svc.volumes ?? []) {
    const [source, target] =
      typeof volume === 'string' ? volume.split(':') : [volume.source ?? '', volume.target];
    if (!source || !target || !/^[./]/.test(source)) continue; // named volume, not a bind mount
    if (containerPath === target || containerPath.startsWith(`${target}/`)) {
      return path.join(path.resolve(ROOT, source), path.relative(target, containerPath));
    }
  }
  return undefined;
}

describe('docker-compose.yml', () => {
  it('defines the database, the Temporal server, its UI and setup jobs, and the app services', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining([
        'postgres',
        'temporal-schema',
        'temporal',
        'temporal-setup',
        'temporal-ui',
        'migrate',
        'api',
        'worker',
      ]),
    );
    expect(imageOf('postgres').name).toBe('postgres');
    expect(imageOf('temporal').name).toBe('temporalio/server');
    expect(imageOf('temporal-ui').name).toBe('temporalio/ui');
    expect(imageOf('temporal-schema').name).toBe('temporalio/admin-tools');
    expect(imageOf('temporal-setup').name).toBe('temporalio/admin-tools');
  });

  it('pins every image to an explicit tag other than latest', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      expect({ name, image: svc.image }).toEqual({ name, image: expect.any(String) });
      const ref = imageRef(svc.image!);
      expect({ name, pinned: Boolean(ref.tag || ref.digest) }).toEqual({ name, pinned: true });
      expect({ name, tag: ref.tag }).not.toEqual({ name, tag: 'latest' });
      expect({ name, tag: ref.tag }).not.toEqual({ name, tag: '' });
    }
  });

  it('targets Temporal 1.29 and keeps the admin tools (schema, CLI) at the server version', () => {
    const server = imageOf('temporal').tag ?? '';
    expect(server).toMatch(/^1\.29\.\d+$/);
    for (const job of ['temporal-schema', 'temporal-setup']) {
      const tools = imageOf(job).tag ?? '';
      expect(tools === server || tools.startsWith(`${server}-`)).toBe(true);
    }
  });

  it('gives postgres a healthcheck and a named volume for its data', () => {
    const postgres = service('postgres');
    expect(commandArgs(postgres.healthcheck?.test)).toContain('pg_isready');
    const dataMount = (postgres.volumes ?? []).find((v) =>
      typeof v === 'string'
        ? v.split(':')[1] === '/var/lib/postgresql/data'
        : v.target === '/var/lib/postgresql/data',
    );
    const source = typeof dataMount === 'string' ? dataMount.split(':')[0] : dataMount?.source;
    expect(source).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(source);
  });

  it('runs the Temporal server on the postgres service, with the schema job using the same role', () => {
    const env = resolvedEnvironment(service('temporal'));
    expect(env.DB).toBe('postgres12');
    expect(serviceNamesWithImage('postgres')).toContain(env.POSTGRES_SEEDS);
    const schemaEnv = resolvedEnvironment(service('temporal-schema'));
    expect(schemaEnv.SQL_PLUGIN).toBe(env.DB);
    expect(schemaEnv.SQL_HOST).toBe(env.POSTGRES_SEEDS);
    expect(schemaEnv.SQL_USER).toBe(env.POSTGRES_USER);
    expect(rawEnvironment(service('temporal-schema')).SQL_PASSWORD).toBe(
      rawEnvironment(service('temporal')).POSTGRES_PWD,
    );
  });

  describe.each(APP_SERVICES)('app service %s', (name) => {
    const env = resolvedEnvironment(service(name));

    it('sets only variables of the config schema', () => {
      const known = Object.keys(ConfigSchema.shape);
      const unknown = Object.keys(env).filter((key) => !known.includes(key));
      expect(unknown).toEqual([]);
    });

    it('passes loadConfig, pointed at external PostgreSQL and Temporal (no embedded servers)', () => {
      const config = loadConfig(env);
      expect(config.DATABASE_URL).toBeDefined();
      expect(config.TEMPORAL_ADDRESS).toBeDefined();
      expect(config.AUTH_SECRET).toBeDefined();

      const [host, port] = config.TEMPORAL_ADDRESS!.split(':');
      expect(serviceNamesWithImage('temporalio/server')).toContain(host);
      expect(port).toBe('7233');

      const db = new URL(config.DATABASE_URL!);
      expect(serviceNamesWithImage('postgres')).toContain(db.hostname);
      // The read model has its own database and role, apart from Temporal's.
      const database = db.pathname.replace(/^\//, '');
      expect(database).not.toBe('');
      expect(['temporal', 'temporal_visibility', 'postgres']).not.toContain(database);
      expect(db.username).not.toBe(resolvedEnvironment(service('temporal')).POSTGRES_USER);
    });

    it('runs from the repository Dockerfile with an existing CLI subcommand named after the service', () => {
      const svc = service(name);
      const context = typeof svc.build === 'string' ? svc.build : svc.build?.context;
      expect(context).toBeDefined();
      expect(path.resolve(ROOT, context!)).toBe(ROOT);
      const [subcommand] = commandArgs(svc.command);
      expect(CLI_SUBCOMMANDS).toContain(subcommand);
      expect(subcommand).toBe(name);
    });
  });

  it('uses the same Temporal namespace everywhere: app services, the setup job and the UI', () => {
    const namespaces = new Set([
      ...APP_SERVICES.map((name) => resolvedEnvironment(service(name)).TEMPORAL_NAMESPACE),
      resolvedEnvironment(service('temporal-setup')).TEMPORAL_NAMESPACE,
      resolvedEnvironment(service('temporal-ui')).TEMPORAL_DEFAULT_NAMESPACE,
    ]);
    expect([...namespaces]).toEqual([expect.stringMatching(/\S/)]);
  });

  it('commits no secret: passwords and the token secret come from required variables', () => {
    const required = /^\$\{[A-Z_][A-Z0-9_]*:\?[^}]+\}$/;
    const secrets = Object.entries(compose.services).flatMap(([name, svc]) =>
      Object.entries(rawEnvironment(svc))
        .filter(([key]) => /PASSWORD|PWD|SECRET/.test(key))
        .map(([key, value]) => ({ name, key, value })),
    );
    expect(secrets.map((s) => s.key)).toEqual(expect.arrayContaining(['AUTH_SECRET', 'POSTGRES_PASSWORD']));
    for (const secret of secrets) {
      expect(secret).toEqual({ ...secret, value: expect.stringMatching(required) });
    }
    for (const name of APP_SERVICES) {
      const url = rawEnvironment(service(name)).DATABASE_URL ?? '';
      const password = /^postgres(?:ql)?:\/\/[^:]+:(.*)@[^@]+$/.exec(url)?.[1];
      expect(password).toMatch(required);
    }
  });

  it('registers exactly the search attributes of PETITION_SEARCH_ATTRIBUTES, with their types', () => {
    const setup = service('temporal-setup');
    const registered = commandArgs(setup.command)
      .map((spec) => spec.split('='))
      .map(([attribute, type]) => `${attribute}:${type}`)
      .sort();
    const expected = PETITION_SEARCH_ATTRIBUTES.map(
      (key) => `${key.name}:${CLI_TYPE_NAMES[key.type]}`,
    ).sort();
    expect(registered).toEqual(expected);

    // The arguments reach a script that really exists and really registers them.
    const [shell, script] = commandArgs(setup.entrypoint);
    expect(shell).toBe('/bin/sh');
    const hostScript = hostPathOf(setup, script ?? '');
    expect(hostScript).toBeDefined();
    const text = fs.readFileSync(hostScript!, 'utf8');
    expect(text).toContain('temporal operator search-attribute create');
    expect(text).toContain('temporal operator namespace create');
    expect(serviceNamesWithImage('temporalio/server')).toContain(
      resolvedEnvironment(setup).TEMPORAL_ADDRESS?.split(':')[0],
    );
  });

  it('mounts the schema script and the dynamic config that the Temporal services point at', () => {
    const schema = service('temporal-schema');
    const [, script] = commandArgs(schema.entrypoint);
    const hostScript = hostPathOf(schema, script ?? '');
    expect(hostScript).toBeDefined();
    expect(fs.readFileSync(hostScript!, 'utf8')).toContain('update-schema');

    const temporal = service('temporal');
    // The server resolves a relative DYNAMIC_CONFIG_FILE_PATH against its working directory, /etc/temporal.
    const dynamicConfig = path.posix.resolve(
      '/etc/temporal',
      resolvedEnvironment(temporal).DYNAMIC_CONFIG_FILE_PATH!,
    );
    const hostConfig = hostPathOf(temporal, dynamicConfig);
    expect(hostConfig).toBeDefined();
    expect(parse(fs.readFileSync(hostConfig!, 'utf8'))).toHaveProperty(['limit.maxIDLength']);
  });

  it('publishes the API on host port 3000, mapped to the port the API listens on (API_PORT)', () => {
    const config = loadConfig(resolvedEnvironment(service('api')));
    expect(ports(service('api'))).toContainEqual(
      expect.objectContaining({ published: 3000, target: config.API_PORT }),
    );
  });

  it('publishes the Temporal UI on host port 8080, pointed at the Temporal server', () => {
    const ui = service('temporal-ui');
    const env = resolvedEnvironment(ui);
    expect(ports(ui)).toContainEqual(
      expect.objectContaining({ published: 8080, target: Number(env.TEMPORAL_UI_PORT ?? '8080') }),
    );
    expect(env.TEMPORAL_ADDRESS).toBe(resolvedEnvironment(service('api')).TEMPORAL_ADDRESS);
  });

  it('starts services in order: database, Temporal schema, server, namespace; migrations; then the app', () => {
    expect(dependencies(service('temporal-schema'))).toEqual({ postgres: 'service_healthy' });
    expect(dependencies(service('temporal'))).toEqual({
      'temporal-schema': 'service_completed_successfully',
    });
    expect(dependencies(service('temporal-setup'))).toEqual({ temporal: 'service_healthy' });
    expect(dependencies(service('temporal-ui'))).toEqual({ temporal: 'service_healthy' });
    expect(dependencies(service('migrate'))).toEqual({ postgres: 'service_healthy' });
    for (const name of ['api', 'worker']) {
      expect(dependencies(service(name))).toEqual({
        migrate: 'service_completed_successfully',
        'temporal-setup': 'service_completed_successfully',
      });
    }
  });

  it('only waits for health on services that define a healthcheck, and has no dependency cycle', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      for (const [dependency, condition] of Object.entries(dependencies(svc))) {
        expect({ name, dependency, defined: dependency in compose.services }).toEqual({
          name,
          dependency,
          defined: true,
        });
        if (condition === 'service_healthy') {
          expect({
            dependency,
            healthcheck: commandArgs(service(dependency).healthcheck?.test).length > 0,
          }).toEqual({
            dependency,
            healthcheck: true,
          });
        }
      }
    }
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (name: string, trail: string[]): void => {
      if (done.has(name)) return;
      if (visiting.has(name)) throw new Error(`dependency cycle: ${[...trail, name].join(' -> ')}`);
      visiting.add(name);
      for (const dependency of Object.keys(dependencies(service(name)))) visit(dependency, [...trail, name]);
      visiting.delete(name);
      done.add(name);
    };
    expect(() => Object.keys(compose.services).forEach((name) => visit(name, []))).not.toThrow();
  });
});

interface DockerInstruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions per stage, with line continuations joined and comments dropped. */
function dockerfileStages(text: string): DockerInstruction[][] {
  const lines = text.split('\n').filter((line) => !/^\s*#/.test(line));
  const joined = lines.join('\n').replace(/\\\n/g, ' ');
  const stages: DockerInstruction[][] = [];
  for (const line of joined.split('\n')) {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const instruction = { keyword: match[1]!.toUpperCase(), args: match[2]!.trim() };
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

describe('Dockerfile', () => {
  const stages = dockerfileStages(readRepoFile('Dockerfile'));
  const stageNames = stages.map((stage) => /\bAS\s+(\S+)/i.exec(stage[0]!.args)?.[1]);
  const baseImages = stages.map((stage) => stage[0]!.args.split(/\s+/)[0]!);
  const finalStage = stages.at(-1) ?? [];
  const last = (keyword: string): string | undefined =>
    finalStage.filter((instruction) => instruction.keyword === keyword).at(-1)?.args;
  const runs = (stage: DockerInstruction[]): string =>
    stage
      .filter((instruction) => instruction.keyword === 'RUN')
      .map((instruction) => instruction.args)
      .join('\n');

  it('bases every stage on the same pinned Node 20 bookworm-slim image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const external = baseImages.filter((image) => !stageNames.includes(image));
    expect(external.length).toBeGreaterThanOrEqual(2);
    for (const image of external)
      expect(image).toMatch(/^node:20\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
    expect(new Set(external).size).toBe(1);
  });

  it('builds with a lock-file install and npm run build, and installs only production dependencies for the runtime', () => {
    const all = stages.map(runs).join('\n');
    expect(
      stages.some(
        (stage) => /\bnpm (ci|install)\b/.test(runs(stage)) && /\bnpm run build\b/.test(runs(stage)),
      ),
    ).toBe(true);
    expect(all).toMatch(/\bnpm (ci|install)\b[^\n]*--omit=dev/);
    expect(finalStage.map((instruction) => instruction.keyword)).not.toContain('RUN');
  });

  it('runs as a non-root user', () => {
    const user = last('USER');
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
  });

  it('enters through bin/petitionflow.js and runs the api subcommand by default', () => {
    expect(JSON.parse(last('ENTRYPOINT') ?? 'null')).toEqual(['node', 'bin/petitionflow.js']);
    const cmd: unknown = JSON.parse(last('CMD') ?? 'null');
    expect(cmd).toEqual(['api']);
    expect(CLI_SUBCOMMANDS).toContain((cmd as string[])[0]);
    // The entrypoint must find the compiled build the image ships.
    expect(readRepoFile('bin/petitionflow.js')).toContain("'dist', 'src', 'cli', 'main.js'");
    expect(finalStage.some((i) => i.keyword === 'COPY' && /\bdist\b/.test(i.args))).toBe(true);
    expect(finalStage.some((i) => i.keyword === 'COPY' && /\bbin\b/.test(i.args))).toBe(true);
  });

  // test/ too: without it `npm run build` in the image compiles src/ only, so a test cannot break the image.
  it('keeps local state, build output, git and tests out of the build context (.dockerignore)', () => {
    const entries = readRepoFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.replace(/^\/|\/$/g, ''));
    expect(entries).toEqual(
      expect.arrayContaining(['node_modules', '.data', '.tools', 'dist', '.git', 'coverage', '.env', 'test']),
    );
  });
});

describe('database roles in the production shape', () => {
  const userOf = (name: string) => new URL(resolvedEnvironment(service(name)).DATABASE_URL ?? '').username;

  it('migrates as the schema owner and runs the API and the workers as the runtime login', () => {
    expect(userOf('migrate')).toBe('petitionflow');
    expect(userOf('api')).toBe('petitionflow_app');
    expect(userOf('worker')).toBe('petitionflow_app');
    // Everything else of the app's environment is shared.
    const { DATABASE_URL: _migrateUrl, ...shared } = resolvedEnvironment(service('migrate'));
    const { DATABASE_URL: _apiUrl, ...api } = resolvedEnvironment(service('api'));
    expect(api).toEqual(shared);
  });

  it('creates the runtime login as a member of the role the migrations grant to', () => {
    const init = readRepoFile('deploy/postgres/init-roles.sh');
    expect(init).toContain('CREATE ROLE petitionflow_runtime NOLOGIN');
    expect(init).toMatch(
      /CREATE ROLE petitionflow_app LOGIN PASSWORD :'runtime_password' IN ROLE petitionflow_runtime/,
    );
    const migration = fs
      .readdirSync(path.join(ROOT, 'src/db/migrations'))
      .map((file) => readRepoFile(`src/db/migrations/${file}`))
      .join('\n');
    expect(migration).toContain('TO petitionflow_runtime');
  });
});

describe('mTLS to the Temporal frontend in the production shape', () => {
  const CLIENTS = ['migrate', 'api', 'worker', 'temporal-setup', 'temporal-ui'];
  const certsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'petitionflow-certs-'));
  const generated = execFileSync('sh', [path.join(ROOT, 'deploy/tls/generate-certs.sh'), certsDir], {
    encoding: 'utf8',
  });
  const mountedAs = (file: string) => path.join(certsDir, path.basename(file));

  afterAll(() => fs.rmSync(certsDir, { recursive: true, force: true }));

  it('requires a client certificate from the deployment CA on the frontend', () => {
    const server = resolvedEnvironment(service('temporal'));
    expect(server).toMatchObject({
      TEMPORAL_TLS_REQUIRE_CLIENT_AUTH: 'true',
      TEMPORAL_TLS_CLIENT1_CA_CERT: '/certs/ca.pem',
      TEMPORAL_TLS_FRONTEND_CERT: '/certs/server.pem',
    });
    expect(JSON.stringify(service('temporal').healthcheck)).toContain('--tls-cert-path');
  });

  it('gives every client of the frontend a certificate the generator makes, and the server name it carries', () => {
    expect(generated).toContain('certificates written');
    for (const name of CLIENTS) {
      const env = resolvedEnvironment(service(name));
      expect([name, env.TEMPORAL_TLS_SERVER_NAME]).toEqual([name, 'temporal']);
      for (const variable of ['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA']) {
        expect([name, variable, fs.existsSync(mountedAs(env[variable] ?? ''))]).toEqual([
          name,
          variable,
          true,
        ]);
      }
      expect(JSON.stringify(service(name).volumes)).toContain('./deploy/tls/certs:/certs:ro');
    }
    const verify = (cert: string) =>
      execFileSync('openssl', ['verify', '-CAfile', mountedAs('ca.pem'), mountedAs(cert)], {
        encoding: 'utf8',
      });
    for (const cert of ['server.pem', 'app.pem', 'ui.pem', 'admin.pem'])
      expect(verify(cert)).toContain(': OK');
    const san = execFileSync(
      'openssl',
      ['x509', '-in', mountedAs('server.pem'), '-noout', '-ext', 'subjectAltName'],
      { encoding: 'utf8' },
    );
    expect(san).toContain('DNS:temporal');
  });

  it('keeps the Web UI’s write actions off unless an operator turns them on', () => {
    expect(resolvedEnvironment(service('temporal-ui')).TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
  });
});
