"""Read which pages a cache holds, for the locmem and the Redis backend alike."""

from helseplattform.caching import PAGE_KEY_PREFIX


def page_keys(cache) -> set[str]:
    """Return the stored page keys (render locks left out) of a locmem or Redis cache."""
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # LocMemCache
        keys = {key.split(":", 2)[-1] for key in cache._cache}
    else:  # Django's Redis backend
        client = cache._cache.get_client()
        keys = {key.decode().split(":", 2)[-1] for key in client.scan_iter(match="*page:*")}
    return {key for key in keys if key.startswith(f"{PAGE_KEY_PREFIX}:") and ":render:" not in key}
