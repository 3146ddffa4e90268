"""A tiny OpenID provider for the test suite: a separate Django project on django-oauth-toolkit.

`python -m tests.oidc_provider --port P --data DIR` starts it on 127.0.0.1:P with its own SQLite
database in DIR and a fresh RSA key: real discovery, JWKS, authorize (with a login form), token,
userinfo and end-session. Test-only endpoints under /test/ (this project only, never the
application) create users with their `sub`, groups and acr/amr, disable a user (and revoke their
tokens, as an IdP does), and make the token endpoint issue bad ID tokens (wrong iss or aud,
alg=none, HS256, expired, a rogue key). tests/accounts/sso/conftest.py starts one per test session.
"""
