const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The embedded provider's sign-in page (no script; the form posts back to the provider). */
export function loginForm(page: { action: string; error?: string; login: string }): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Sign in · petitionflow</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.4rem;box-sizing:border-box}
button{margin-top:1rem;padding:.5rem 1rem}.error{color:#b00020}.note{color:#555;font-size:.85rem}</style></head>
<body><h1>登录 Sign in</h1>
${page.error ? `<p class="error" role="alert">${escapeHtml(page.error)}</p>` : ''}
<form method="post" action="${escapeHtml(page.action)}">
<label for="login">用户名 Login</label><input id="login" name="login" autocomplete="username" required value="${escapeHtml(page.login)}">
<label for="password">密码 Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">登录 Sign in</button></form>
<p class="note">Embedded development provider: each user's password is their login.</p>
</body></html>`;
}
