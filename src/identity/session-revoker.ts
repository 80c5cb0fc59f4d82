/**
 * Ends every session of a user: their refresh tokens are revoked and every replica forgets the
 * user it cached, so a changed account takes effect at the next request. Identity changes
 * accounts; sessions are auth's. AuthModule provides this (its AuthService), so identity needs
 * no import of auth, which imports identity's entities.
 */
export abstract class SessionRevoker {
  abstract revokeAll(userId: string): Promise<void>;
}
