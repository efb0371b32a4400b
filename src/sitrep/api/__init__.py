"""The JSON API: the app factory is :func:`sitrep.api.app.make_app`, served by `sitrep serve`."""
