# The production image: the app under gunicorn as a non-root user.
# Built by docker-compose.yml; configured only through environment variables.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml constraints.txt ./
RUN python -m pip install -c constraints.txt . && rm -rf build *.egg-info

COPY . .

# Static files are collected into the image at build time (hashed and compressed).
RUN DEBUG=0 SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput -v 0

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin tidslinje
USER tidslinje

ENV BIND=0.0.0.0:8000
EXPOSE 8000

HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"

# Migrations run at start; with several web containers they take a database lock in turn.
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn --config deploy/gunicorn.conf.py helseplattform.wsgi"]
