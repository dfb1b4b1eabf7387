// Identity providers as a site names them in `providers="Google Apple"`, and as Cognito names them
// in /oauth2/authorize's identity_provider (the API reference's "Authorize endpoint": Google,
// SignInWithApple, Facebook, LoginWithAmazon, or the name given to a SAML or OIDC provider).

const cognitoNames: Record<string, string> = {
  google: 'Google',
  apple: 'SignInWithApple',
  signinwithapple: 'SignInWithApple',
  facebook: 'Facebook',
  amazon: 'LoginWithAmazon',
  loginwithamazon: 'LoginWithAmazon',
};

const brandNames: Record<string, string> = {
  SignInWithApple: 'Apple',
  LoginWithAmazon: 'Amazon',
};

/** Cognito's identity_provider for a site's name (the four social ones in any case; others as given). */
export function identityProvider(name: string): string {
  return cognitoNames[name.toLowerCase()] ?? name;
}

/** What a button calls the provider: the brand ("Apple"), or a custom provider's own name. */
export function brandName(provider: string): string {
  const cognitoName = identityProvider(provider);
  return brandNames[cognitoName] ?? cognitoName;
}

/** The list in a `providers` attribute (space or comma separated), each once, in the site's order. */
export function providersFrom(value: string | null | undefined): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(identityProvider),
    ),
  ];
}
