"""Start the test OpenID provider: python -m tests.oidc_provider --port P --data DIR --redirect-uri URI."""

import argparse
import os
import socketserver
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "zorgveilig-test"
CLIENT_SECRET = "test-client-secret-for-the-test-op-only"  # noqa: S105 - the test provider's only client


class _ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def _rsa_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--redirect-uri", action="append", default=[])
    parser.add_argument("--post-logout-redirect-uri", action="append", default=[])
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    os.environ["OP_BASE_URL"] = f"http://127.0.0.1:{args.port}"
    os.environ["OP_DATABASE"] = os.path.join(args.data, "op.sqlite3")
    os.environ["OP_RSA_KEY"] = _rsa_pem()

    import django

    django.setup()
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", run_syncdb=True, verbosity=0)
    from oauth2_provider.models import Application

    Application.objects.create(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, name="zorgveilig",
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(args.redirect_uri), post_logout_redirect_uris=" ".join(args.post_logout_redirect_uri),
        algorithm=Application.RS256_ALGORITHM, skip_authorization=True,
    )
    server = make_server("127.0.0.1", args.port, get_wsgi_application(), server_class=_ThreadingServer,
                         handler_class=_QuietHandler)
    server.serve_forever()


if __name__ == "__main__":
    main()
