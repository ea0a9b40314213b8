import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ProviderSecrets } from './signing-keys';
import { SIGNING_ALGORITHM } from './signing-keys';
import { errorPage, loginForm, logoutPage, signedOutPage } from './login-form';

/** The resource indicator of the API at the embedded provider; tokens for it carry `aud` = the audience. */
const API_RESOURCE = 'urn:petitionflow:api';
const ACCESS_TOKEN_TTL_SECONDS = 3600;
const SESSION_TTL_SECONDS = 8 * 3600;

export interface EmbeddedProviderOptions {
  /** The issuer URL, which is also where it listens (http://127.0.0.1:PORT). */
  issuer: string;
  port: number;
  host: string;
  secrets: ProviderSecrets;
  audience: string;
  /** The browser pages' client (public, authorization code with PKCE). */
  clientId: string;
  redirectUris: string[];
  /** An active user of ours, by login; only they can sign in. */
  findUser(login: string): Promise<{ login: string; displayName: string } | undefined>;
}

export interface RunningProvider {
  issuer: string;
  stop(): Promise<void>;
}

/**
 * The embedded OpenID provider of `npm start` and the tests (the `oidc-provider` package): the same sign-in
 * path as a bureau's own provider, for the users in our `users` table. Development only: the password of
 * each user is their login, and sessions live in memory.
 */
export async function startEmbeddedProvider(options: EmbeddedProviderOptions): Promise<RunningProvider> {
  // oidc-provider is an ES module; this project compiles to CommonJS, so it is loaded with import().
  const { default: Provider, errors } = (await import('oidc-provider')) as unknown as {
    default: ProviderClass;
    errors: { InvalidTarget: new () => Error };
  };
  const provider = new Provider(options.issuer, {
    jwks: { keys: options.secrets.keys },
    cookies: { keys: options.secrets.cookieKeys },
    clients: [
      {
        client_id: options.clientId,
        // A provider on one machine for pages on the same machine: as a loopback client (RFC 8252 §7.3), its
        // redirect URIs on http://127.0.0.1 and http://localhost match whatever port the API listens on.
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.redirectUris,
        id_token_signed_response_alg: SIGNING_ALGORITHM,
      },
    ],
    scopes: ['openid', 'profile', 'offline_access', 'api'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: { body: string }, form: string) => {
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx: { body: string }) => {
          ctx.body = signedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== API_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: 'api',
            audience: options.audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
            jwt: { sign: { alg: SIGNING_ALGORITHM } },
          };
        },
      },
    },
    // The API reads the login from preferred_username, as it does from Keycloak's tokens.
    extraTokenClaims: (_ctx: unknown, token: { accountId?: string }) =>
      token.accountId ? { preferred_username: token.accountId } : undefined,
    findAccount: async (_ctx: unknown, id: string) => {
      const user = await options.findUser(id);
      return user
        ? {
            accountId: user.login,
            claims: () => ({ sub: user.login, preferred_username: user.login, name: user.displayName }),
          }
        : undefined;
    },
    // The reports page is our own: its sign-in needs no consent screen, the grant is what it asks for.
    loadExistingGrant: async (ctx: GrantContext) => {
      const existing =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile offline_access');
      grant.addResourceScope(API_RESOURCE, 'api');
      await grant.save();
      return grant;
    },
    clientBasedCORS: (_ctx: unknown, origin: string, client: { redirectUris: string[] }) =>
      client.redirectUris.some((uri) => sameLoopbackOrigin(new URL(uri), origin)),
    renderError: (
      ctx: { type: string; body: string },
      out: { error?: string; error_description?: string },
    ) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: 60,
      IdToken: ACCESS_TOKEN_TTL_SECONDS,
      Interaction: 3600,
      Session: SESSION_TTL_SECONDS,
      Grant: SESSION_TTL_SECONDS,
      RefreshToken: SESSION_TTL_SECONDS,
    },
  });
  const callback = provider.callback();
  const server = createServer((req, res) => {
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(
      new URL(req.url ?? '/', 'http://x').pathname,
    );
    if (!interaction) return void callback(req, res);
    signIn(provider, options, req, res, interaction[2] !== undefined).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Sign-in failed: ${(err as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return { issuer: options.issuer, stop: () => closeServer(server) };
}

/** The login form (GET) and its answer (POST): the user's password on the embedded provider is the login. */
async function signIn(
  provider: ProviderInstance,
  options: EmbeddedProviderOptions,
  req: IncomingMessage,
  res: ServerResponse,
  submitted: boolean,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name !== 'login') {
    // Consent: the reports page is ours, and its grant is what it asks for (loadExistingGrant); a loopback
    // client is asked each time by default (`native_client_prompt`), which the answer here settles.
    await provider.interactionFinished(
      req,
      res,
      { consent: details.grantId ? { grantId: details.grantId } : {} },
      { mergeWithLastSubmission: true },
    );
    return;
  }
  const page = (error?: string, login = '') => {
    // No form-action: the form's answer redirects on to the page that asked (another origin), which Chromium
    // counts against form-action.
    res.writeHead(error ? 401 : 200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      'cache-control': 'no-store',
    });
    res.end(loginForm({ action: `/interaction/${details.uid}/login`, error, login }));
  };
  if (!submitted || req.method !== 'POST') return page();
  const form = new URLSearchParams(await bodyOf(req));
  const login = form.get('login')?.trim() ?? '';
  const user = login ? await options.findUser(login) : undefined;
  if (!user || form.get('password') !== login) return page('Unknown user or wrong password', login);
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.login } },
    { mergeWithLastSubmission: false },
  );
}

/** The page's origin is one of the redirect URIs' (on a loopback host, at any port, as the redirect itself). */
function sameLoopbackOrigin(redirect: URL, origin: string): boolean {
  const page = URL.parse(origin);
  return page !== null && page.protocol === redirect.protocol && page.hostname === redirect.hostname;
}

const MAX_FORM_BYTES = 8192;

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_FORM_BYTES) reject(new Error('form too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

// The few parts of oidc-provider this file uses (the package ships no types).
interface GrantInstance {
  addOIDCScope(scope: string): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}
interface GrantContext {
  oidc: {
    result?: { consent?: { grantId?: string } };
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    provider: {
      Grant: {
        new (init: { clientId: string; accountId: string }): GrantInstance;
        find(id: string): Promise<unknown>;
      };
    };
  };
}
interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<{ uid: string; grantId?: string; prompt: { name: string } }>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: object,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
}
type ProviderClass = new (issuer: string, configuration: object) => ProviderInstance;
