import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

// Sign-in at the deployment's OpenID provider: authorization code with PKCE. The user (and its access token)
// stays in this tab's session storage, where the reports dashboard (/reports) finds the same sign-in. Another
// tab of the same browser signs in by itself: a flag (no token) in local storage says this browser signed in,
// and the provider's own session answers without asking again.

/** In local storage: this browser signed in and has not signed out since. */
const SIGNED_IN_HERE = 'petitionflow.signed-in';
/** In this tab's session storage: the tab went to the provider by itself once (never a loop). */
const TRIED_HERE = 'petitionflow.resume-tried';

const HOME = `${window.location.origin}/`;

let manager: Promise<UserManager> | undefined;

function userManager(): Promise<UserManager> {
  manager ??= (async () => {
    const response = await fetch('/sign-in.json', { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`sign-in settings: ${response.status}`);
    const settings = (await response.json()) as { authority: string; clientId: string; scope: string };
    return new UserManager({
      authority: settings.authority,
      client_id: settings.clientId,
      redirect_uri: HOME,
      post_logout_redirect_uri: HOME,
      response_type: 'code',
      scope: settings.scope,
      loadUserInfo: false,
      automaticSilentRenew: false,
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    });
  })();
  return manager;
}

/** Only an address of this app may be returned to after sign-in (never another site: `//host` is refused). */
const OWN_PAGE = /^\/(?!\/)[^\s]*$/;

/**
 * Finishes a sign-in the provider sent back here (`/?code=…&state=…`) and answers the address to go on to;
 * `undefined` when this load is not a return from the provider.
 */
export async function completeSignIn(): Promise<string | undefined> {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('state')) return undefined;
  const users = await userManager();
  if (!params.has('code') && !params.has('error')) {
    await users.signoutRedirectCallback().catch(() => undefined);
    return '/';
  }
  const user = await users.signinRedirectCallback();
  window.localStorage.setItem(SIGNED_IN_HERE, '1');
  window.sessionStorage.removeItem(TRIED_HERE);
  const state = typeof user.state === 'string' ? user.state : '/';
  return OWN_PAGE.test(state) ? state : '/';
}

/** The access token of a valid sign-in, if there is one. */
export async function accessToken(): Promise<string | undefined> {
  const user = await (await userManager()).getUser();
  return user && !user.expired ? user.access_token : undefined;
}

/** Off to the provider's sign-in page; back at `returnTo` afterwards. */
export async function signIn(returnTo: string): Promise<void> {
  await (await userManager()).signinRedirect({ state: returnTo });
}

/**
 * A tab opened without a sign-in (a case opened in a new tab) while this browser is signed in goes to the
 * provider by itself, once; the provider's session sends it back signed in. Answers whether it went.
 */
export async function resumeSignIn(returnTo: string): Promise<boolean> {
  if (!window.localStorage.getItem(SIGNED_IN_HERE) || window.sessionStorage.getItem(TRIED_HERE)) return false;
  window.sessionStorage.setItem(TRIED_HERE, '1');
  await signIn(returnTo);
  return true;
}

/** Forgets the sign-in here and ends the session at the provider. */
export async function signOut(): Promise<void> {
  window.localStorage.removeItem(SIGNED_IN_HERE);
  const users = await userManager();
  const user = await users.getUser();
  await users.removeUser();
  await users.signoutRedirect({ id_token_hint: user?.id_token });
}

/** A token the API refused (expired, the user deactivated): forget it, a new sign-in is needed. */
export async function forgetSignIn(): Promise<void> {
  await (await userManager()).removeUser();
}
