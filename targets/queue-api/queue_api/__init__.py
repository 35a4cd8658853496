"""Queue-management API reference server (Flask + Flask-SocketIO)."""
import os
import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from .auth import TokenService
from .config import Config
from .db import Database, init_db
from .fanout import Fanout
from .routes import ApiError, bp
from .sockets import deliver_local, init_socketio, socketio

__all__ = ["create_app", "socketio"]


class State:
    def __init__(self, config, db, tokens, fanout):
        self.config = config
        self.db = db
        self.tokens = tokens
        self.fanout = fanout
        self.socket_users = {}


def _configure_logging():
    logger = logging.getLogger("queue_api")
    gunicorn_logger = logging.getLogger("gunicorn.error")
    if gunicorn_logger.handlers and not logger.handlers:
        logger.handlers = gunicorn_logger.handlers
        logger.setLevel(gunicorn_logger.level or logging.INFO)
        logger.propagate = False
    elif not logging.getLogger().handlers and not logger.handlers:
        logging.basicConfig(level=logging.INFO)
    return logger


class _TraceLog:
    """WSGI middleware: one line per request, 'trace_id method path', appended to a file (QUEUE_API_TRACE_LOG).

    The trace id is that of the request's W3C traceparent header, '-' when it has none or it is malformed. Every line is
    one os.write on an O_APPEND descriptor, so the lines of several workers never interleave.
    """

    def __init__(self, wsgi_app, path):
        self._app = wsgi_app
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def __call__(self, environ, start_response):
        parts = environ.get("HTTP_TRACEPARENT", "").strip().split("-")
        trace_id = parts[1] if len(parts) == 4 and len(parts[1]) == 32 else "-"
        line = "%s %s %s\n" % (trace_id, environ.get("REQUEST_METHOD", "-"), environ.get("PATH_INFO", "-"))
        os.write(self._fd, line.encode("utf-8", "replace"))
        return self._app(environ, start_response)


def create_app(config=None):
    config = config or Config.from_env()
    logger = _configure_logging()

    app = Flask(__name__)
    # Never 308-redirect /x <-> /x/: rules match with or without the slash.
    app.url_map.strict_slashes = False
    app.json.sort_keys = False
    app.json.compact = True

    seeded = init_db(config.db_path, logger)
    if not seeded:
        logger.info("using existing database %s", config.db_path)

    init_socketio(app, config)
    fanout = Fanout(config.db_path, deliver_local)
    app.extensions["queue_api"] = State(config, Database(config.db_path),
                                        TokenService(config), fanout)
    app.register_blueprint(bp)
    if os.environ.get("QUEUE_API_LAB_BLOCKING", "").strip() == "1":
        from .lab import lab

        app.register_blueprint(lab)

    @app.errorhandler(ApiError)
    def _api_error(exc):
        return exc.response()

    @app.errorhandler(HTTPException)
    def _http_error(exc):
        resp = jsonify({"message": exc.description or exc.name})
        resp.status_code = exc.code or 500
        if exc.code == 405 and getattr(exc, "valid_methods", None):
            resp.headers["Allow"] = ", ".join(exc.valid_methods)
        return resp

    @app.errorhandler(Exception)
    def _unhandled(exc):
        logger.exception("unhandled error")
        return jsonify({"message": "internal server error"}), 500

    trace_log = os.environ.get("QUEUE_API_TRACE_LOG", "").strip()
    if trace_log:
        # Outermost, so it also sees the Socket.IO handshake and upgrade requests that engineio answers before Flask.
        app.wsgi_app = _TraceLog(app.wsgi_app, trace_log)

    fanout.ensure_started()
    return app
