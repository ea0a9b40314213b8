// oidc-provider ships no types; src/auth/embedded-provider.ts types the few parts it uses.
declare module 'oidc-provider';
