/** The SecretSealer keyed with WEBHOOK_ENCRYPTION_KEY. */
export const WEBHOOK_SEALER = Symbol('WEBHOOK_SEALER');
