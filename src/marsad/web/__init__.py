"""The web interface and JSON API of marsad: `marsad serve` (see docs/web.md).

`create_app(db)` returns the FastAPI app; every page at PATH has a JSON twin at PATH.json made
by the same view (views.py). Needs the `web` extra: `pip install 'marsad[web]'`.
"""

from .app import create_app

__all__ = ["create_app"]
