"""Keycloak-like OIDC password grant issuing HS256 JWTs, plus verification."""
import hmac
import time
import uuid
from typing import Optional, Tuple

import jwt

from .config import Config

ALGORITHM = "HS256"
ISSUER = "queue-api"
COOKIE_NAME = "oidc-jwt"
_SUB_NAMESPACE = uuid.UUID("6f1c7a2e-4a55-4b4f-9a39-5b0c6a1e9d11")


class TokenService:
    def __init__(self, config: Config):
        self.config = config

    def check_password(self, username: str, password: str) -> bool:
        expected = self.config.users.get(username)
        if expected is None:
            # constant-ish time even for unknown users
            hmac.compare_digest(password.encode(), b"x" * max(1, len(password)))
            return False
        return hmac.compare_digest(password.encode(), expected.encode())

    def issue(self, username: str, client_id: str) -> Tuple[str, int]:
        now = int(time.time())
        ttl = self.config.token_ttl
        claims = {
            "iss": ISSUER,
            "sub": str(uuid.uuid5(_SUB_NAMESPACE, username)),
            "preferred_username": username,
            "azp": client_id,
            "typ": "Bearer",
            "iat": now,
            "exp": now + ttl,
            "jti": uuid.uuid4().hex,
        }
        token = jwt.encode(claims, self.config.jwt_secret, algorithm=ALGORITHM)
        if isinstance(token, bytes):  # PyJWT < 2
            token = token.decode("ascii")
        return token, ttl

    def verify(self, token: str) -> Tuple[Optional[dict], Optional[str]]:
        """Return (claims, None) or (None, reason)."""
        if not token:
            return None, "missing token"
        try:
            claims = jwt.decode(
                token,
                self.config.jwt_secret,
                algorithms=[ALGORITHM],
                options={"require": ["exp", "iat", "sub"]},
                leeway=5,
            )
        except jwt.ExpiredSignatureError:
            return None, "token expired"
        except jwt.InvalidTokenError as exc:
            return None, "invalid token: %s" % exc
        if claims.get("azp") not in self.config.client_ids:
            return None, "token issued to an unknown client"
        return claims, None


def bearer_from_header(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def token_from_request(request) -> Optional[str]:
    """Authorization: Bearer <token> wins over the oidc-jwt cookie."""
    return bearer_from_header(request.headers.get("Authorization")) or \
        request.cookies.get(COOKIE_NAME) or None
