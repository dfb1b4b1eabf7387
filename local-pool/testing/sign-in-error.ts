// The error signInTokens() throws when the pool refuses a sign-in.

/** A sign-in the pool refused: `type` is Cognito's error name (NotAuthorizedException, …). */
export class SignInError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}
