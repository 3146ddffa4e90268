"""Single sign-on with OpenID Connect, one identity provider per organisation (docs/adr/0024).

- `discovery`: the provider's endpoints from its discovery document (cached, issuer checked);
- `tokens`: ID token verification (JWKS, RS256/ES256 only, iss, aud, exp, nonce) and the sealed
  tokens a session keeps for its re-check;
- `services`: claims to an account (matched on issuer and subject only), MFA, roles from groups;
  configuration of a provider and its group mapping;
- `backend`, `views`: mozilla-django-oidc's backend and views, given the organisation's provider;
- `session`, `middleware`: the periodic re-check at the IdP and the IdP logout URL.
"""
