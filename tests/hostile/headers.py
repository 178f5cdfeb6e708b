"""The security headers every answer must carry, checked in one place."""

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
)


def missing_security_headers(response) -> list[str]:
    """Return the names of the security headers the response lacks or weakens."""
    missing = [name for name in SECURITY_HEADERS if not response.get(name)]
    csp = response.get("Content-Security-Policy") or ""
    if csp and "frame-ancestors 'none'" not in csp:
        missing.append("Content-Security-Policy frame-ancestors")
    if response.get("X-Content-Type-Options") not in (None, "nosniff"):
        missing.append("X-Content-Type-Options nosniff")
    if response.get("X-Frame-Options") not in (None, "DENY"):
        missing.append("X-Frame-Options DENY")
    return missing
