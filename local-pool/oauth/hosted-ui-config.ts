// The app client's hosted UI settings: its callback and sign-out URLs and the identity providers
// it may use. AWS: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
// (CallbackURLs, LogoutURLs, SupportedIdentityProviders) and
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html
import { isLoopbackName } from '../access.js';

/** Cognito's ProviderType for each kind of identity provider. */
export type ProviderType = 'Google' | 'SignInWithApple' | 'Facebook' | 'LoginWithAmazon' | 'OIDC' | 'SAML';

export interface FederatedProvider {
  /** ProviderName: the social providers' fixed names, or the name an OIDC / SAML provider was given. */
  name: string;
  type: ProviderType;
}

export interface HostedUiConfig {
  callbackUrls: string[];
  logoutUrls: string[];
  providers: FederatedProvider[];
}

const SOCIAL: ProviderType[] = ['Google', 'SignInWithApple', 'Facebook', 'LoginWithAmazon'];
// Cognito's ProviderName pattern for OIDC and SAML providers (API_CreateIdentityProvider), less the
// characters that would need escaping in a URL path.
const PROVIDER_NAME = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * `Google,SignInWithApple,MyOIDC:oidc,Corp:saml`: the social providers by their names, others as
 * `Name:oidc` or `Name:saml`.
 */
export function parseProviders(option: string | string[] | undefined): FederatedProvider[] {
  const items = (typeof option === 'string' ? option.split(',') : (option ?? [])).map((text) => text.trim()).filter(Boolean);
  const providers: FederatedProvider[] = [];
  for (const item of items) {
    const [name, kind] = item.split(':');
    let type: ProviderType;
    if (kind === undefined) {
      const social = SOCIAL.find((known) => known.toLowerCase() === name.toLowerCase());
      if (!social) throw new Error(`federated: "${item}" is not ${SOCIAL.join(', ')}; name an OIDC or SAML provider as Name:oidc or Name:saml`);
      providers.push({ name: social, type: social });
      continue;
    }
    if (kind.toLowerCase() === 'oidc') type = 'OIDC';
    else if (kind.toLowerCase() === 'saml') type = 'SAML';
    else throw new Error(`federated: "${item}": the kind after the colon must be oidc or saml`);
    if (!PROVIDER_NAME.test(name) || SOCIAL.some((known) => known.toLowerCase() === name.toLowerCase()) || name.toUpperCase() === 'COGNITO') {
      throw new Error(`federated: "${name}" is not a usable provider name (letters, digits, _ and -, at most 32; not COGNITO or a social provider's name)`);
    }
    providers.push({ name, type });
  }
  const names = providers.map((provider) => provider.name.toLowerCase());
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) throw new Error(`federated: ${repeated} is listed twice`);
  return providers;
}

/**
 * Cognito's rules for a callback or sign-out URL: absolute, no fragment, HTTPS except on
 * localhost (the pool also allows the other loopback names), or an app's own scheme (myapp://).
 */
export function checkedUrls(name: string, list: string[] | undefined): string[] {
  return (list ?? []).map((text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new Error(`${name}: "${text}" is not an absolute URL, e.g. http://localhost:8000/`);
    }
    if (url.hash || text.includes('#')) throw new Error(`${name}: "${text}" has a fragment (#), which Cognito refuses`);
    if (url.protocol === 'http:' && !isLoopbackName(url.hostname)) throw new Error(`${name}: "${text}" must be https (http is allowed only for localhost)`);
    if (url.protocol === 'javascript:' || url.protocol === 'data:') throw new Error(`${name}: "${text}" is not a URL a browser can be sent back to`);
    // Kept as given: redirect_uri must match it character for character.
    return text;
  });
}

export function hostedUiConfig(options: { callbackUrls?: string[]; logoutUrls?: string[]; federated?: string | string[] }): HostedUiConfig {
  return {
    callbackUrls: checkedUrls('callbackUrls', options.callbackUrls),
    logoutUrls: checkedUrls('logoutUrls', options.logoutUrls),
    providers: parseProviders(options.federated),
  };
}
