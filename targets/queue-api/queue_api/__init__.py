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

    fanout.ensure_started()
    return app
