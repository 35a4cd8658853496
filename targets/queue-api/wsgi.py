"""WSGI entry point: gunicorn -c gunicorn.conf.py wsgi:app

eventlet must patch the standard library before anything else is imported.
(The gunicorn eventlet worker already does this before loading the app; the
call here keeps other ways of importing this module safe.)
"""
import eventlet

eventlet.monkey_patch()

from queue_api import create_app, socketio  # noqa: E402

app = create_app()

if __name__ == "__main__":  # development only: python3 wsgi.py
    import os

    socketio.run(
        app,
        host=os.environ.get("QUEUE_API_HOST", "127.0.0.1"),
        port=int(os.environ.get("QUEUE_API_PORT", "5000")),
    )
