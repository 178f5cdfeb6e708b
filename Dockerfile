# The production image: the app under gunicorn as a non-root user.
# Built by docker-compose.yml and by CI (.ci/image); configured only through
# environment variables. Runs with a read-only root filesystem: it writes only to
# /tmp (mount a tmpfs / emptyDir there).
#
# The base is a build argument so CI, which reaches no container registry, can
# build on a stand-in made from Debian's own Python 3.11 (.ci/image); everywhere
# else it is the official image:
#   docker build --build-arg PYTHON_IMAGE=helseplattform-ci/python:3.11-bookworm .
ARG PYTHON_IMAGE=python:3.11-slim-bookworm
FROM ${PYTHON_IMAGE}

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
# By number, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
USER 10001

ENV BIND=0.0.0.0:8000
EXPOSE 8000

# Liveness only (no database): compose and Kubernetes ask /readyz for readiness.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python", "deploy/healthcheck.py", "/healthz"]

# Migrations run at start (compose). Kubernetes runs them once per release in a Job
# and starts gunicorn directly (deploy/kubernetes/). `exec`: gunicorn becomes PID 1,
# so `docker stop`'s SIGTERM reaches it and it shuts down gracefully.
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn --config deploy/gunicorn.conf.py helseplattform.wsgi"]
