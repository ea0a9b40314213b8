// Sign-in at the deployment's OpenID provider: authorization code with PKCE (oidc-client-ts, loaded before
// this module as the global `oidc`). The access token stays in this tab's session storage.

import { tokenStore } from './api.js';

const PAGE = `${window.location.origin}/reports/`;
/** Only a page of /reports itself may be returned to (never another site: `//host` is refused). */
const OTHER_PAGE = /^\/reports\/[a-z-]+(?:[?#]|$)/;

let manager;

async function userManager() {
  if (manager) return manager;
  const response = await fetch('/reports/sign-in.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`sign-in settings: ${response.status}`);
  const settings = await response.json();
  manager = new window.oidc.UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    redirect_uri: PAGE,
    post_logout_redirect_uri: PAGE,
    response_type: 'code',
    scope: settings.scope,
    loadUserInfo: false,
    automaticSilentRenew: false,
    userStore: new window.oidc.WebStorageStateStore({ store: window.sessionStorage }),
  });
  return manager;
}

/**
 * Finishes a sign-in the provider sent back here (`?code=…&state=…`), restoring the address the person
 * started from; then whether a valid access token is at hand.
 */
export async function completeSignIn() {
  const params = new URLSearchParams(window.location.search);
  const users = await userManager();
  if (params.has('state') && !params.has('code') && !params.has('error')) {
    // Back from signing out at the provider.
    await users.signoutRedirectCallback().catch(() => undefined);
    window.history.replaceState(null, '', PAGE);
  } else if (params.has('state')) {
    try {
      const user = await users.signinRedirectCallback();
      tokenStore.set(user.access_token);
      // Signed in from another page of /reports (the analysis): back there, where the token is found.
      if (OTHER_PAGE.test(user.state ?? '')) {
        window.location.replace(user.state);
        return new Promise(() => {});
      }
      window.history.replaceState(null, '', `${PAGE}${user.state ?? ''}`);
    } catch (error) {
      window.history.replaceState(null, '', PAGE);
      throw error;
    }
  }
  const user = await users.getUser();
  if (user && !user.expired) {
    tokenStore.set(user.access_token);
    return true;
  }
  tokenStore.clear();
  return false;
}

/**
 * Off to the provider's sign-in page; back here at the same query and case afterwards. Another page of
 * /reports gives its own address (`/reports/analysis?…`): the provider returns to the dashboard, which
 * sends the browser on there.
 */
export async function signIn(returnTo = `${window.location.search}${window.location.hash}`) {
  await (await userManager()).signinRedirect({ state: returnTo });
}

/** Forgets the token here and ends the session at the provider. */
export async function signOut() {
  tokenStore.clear();
  const users = await userManager();
  const user = await users.getUser();
  await users.removeUser();
  await users.signoutRedirect({ id_token_hint: user?.id_token });
}

/** A token the API refused (expired, or the user deactivated): forget it, a new sign-in is needed. */
export async function forgetToken() {
  tokenStore.clear();
  await (await userManager()).removeUser();
}
