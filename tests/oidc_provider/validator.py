"""django-oauth-toolkit's validator with our claims, and bad ID tokens on demand."""

import base64
import json
import time

from jwcrypto import jwk, jwt
from oauth2_provider.oauth2_validators import OAuth2Validator

from tests.oidc_provider.__main__ import CLIENT_SECRET
from tests.oidc_provider.models import Control

ROGUE_KEY = jwk.JWK.generate(kty="RSA", size=2048)


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


class TestOPValidator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below goes into ID token and userinfo

    def get_additional_claims(self, request):
        claims = getattr(request.user, "claims", None)
        if claims is None:
            return {}
        return {"sub": claims.sub, **claims.data}

    def finalize_id_token(self, id_token, token, token_handler, request):
        mode = Control.objects.values_list("token_mode", flat=True).first() or "normal"
        if mode == "normal":
            return super().finalize_id_token(id_token, token, token_handler, request)
        claims, _expiry = self.get_id_token_dictionary(token, token_handler, request)
        id_token.update(**claims)
        if "nonce" not in id_token and request.nonce:
            id_token["nonce"] = request.nonce
        kid = request.client.jwk_key.thumbprint()
        if mode == "wrong_iss":
            id_token["iss"] = "http://127.0.0.1:1/not-the-issuer"
        elif mode == "wrong_aud":
            id_token["aud"] = "another-client"
        elif mode == "expired":
            id_token["iat"], id_token["exp"] = int(time.time()) - 7200, int(time.time()) - 3600
        elif mode == "alg_none":
            return f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(id_token)}."
        elif mode == "hs256":
            key = jwk.JWK(kty="oct", k=base64.urlsafe_b64encode(CLIENT_SECRET.encode()).rstrip(b"=").decode())
            token_ = jwt.JWT(header={"alg": "HS256", "kid": kid}, claims=json.dumps(id_token, default=str))
            token_.make_signed_token(key)
            return token_.serialize()
        signer = ROGUE_KEY if mode == "rogue_key" else request.client.jwk_key
        token_ = jwt.JWT(header={"alg": "RS256", "typ": "JWT", "kid": kid}, claims=json.dumps(id_token, default=str))
        token_.make_signed_token(signer)
        return token_.serialize()
