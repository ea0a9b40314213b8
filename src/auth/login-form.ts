const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The embedded provider's pages: plain HTML, no script, nothing loaded from elsewhere. */
const page = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)} · petitionflow</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.4rem;box-sizing:border-box}
button{margin:1rem .5rem 0 0;padding:.5rem 1rem}.error{color:#b00020}.note{color:#555;font-size:.85rem}</style></head>
<body>${body}</body></html>`;

/** The sign-in page (the form posts back to the provider). */
export function loginForm(form: { action: string; error?: string; login: string }): string {
  return page('Sign in', loginBody(form));
}

/** Sign-out asks first (a link alone must not end a session); `form` is the provider's hidden form. */
export function logoutPage(form: string): string {
  return page(
    'Sign out',
    `<h1>退出登录 Sign out</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">退出 Sign out</button>
<button type="submit" form="op.logoutForm">保持登录 Stay signed in</button>`,
  );
}

export function signedOutPage(): string {
  return page('Signed out', '<h1>已退出登录 Signed out</h1>');
}

/** What went wrong, in the provider's own words (error code and description), nothing more. */
export function errorPage(out: { error?: string; error_description?: string }): string {
  return page(
    'Sign-in error',
    `<h1>登录出错 Sign-in error</h1><p class="error">${escapeHtml(out.error ?? 'error')}: ${escapeHtml(
      out.error_description ?? '',
    )}</p>`,
  );
}

function loginBody(page: { action: string; error?: string; login: string }): string {
  return `<h1>登录 Sign in</h1>
${page.error ? `<p class="error" role="alert">${escapeHtml(page.error)}</p>` : ''}
<form method="post" action="${escapeHtml(page.action)}">
<label for="login">用户名 Login</label><input id="login" name="login" autocomplete="username" required value="${escapeHtml(page.login)}">
<label for="password">密码 Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">登录 Sign in</button></form>
<p class="note">Embedded development provider: each user's password is their login.</p>`;
}
