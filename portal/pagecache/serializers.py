"""A JSON serializer for Django's RedisCache: the shared page cache never holds a pickle.

``OPTIONS = {"serializer": "portal.pagecache.serializers.JSONSerializer"}``. A
value that is not JSON (a pickle planted by whoever can write to the shared
database, say) raises ``ValueError`` on load instead of being unpickled;
``portal.pagecache.store`` treats that as a miss.
"""

import json


class JSONSerializer:
    def dumps(self, obj) -> bytes:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()

    def loads(self, data):
        if isinstance(data, bytes):
            data = data.decode("utf-8")  # UnicodeDecodeError is a ValueError
        return json.loads(data)
