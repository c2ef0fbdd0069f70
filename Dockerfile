# One image for web, worker and beat; docker-compose.yml picks the command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    CONFLICTWATCH_VAR_DIR=/var/lib/conflictwatch STATIC_ROOT=/srv/static
WORKDIR /srv/app

RUN useradd --system --home /srv/app conflictwatch \
    && mkdir -p /var/lib/conflictwatch /srv/static \
    && chown conflictwatch /var/lib/conflictwatch /srv/static

COPY pyproject.toml README.md ./
COPY conflictwatch ./conflictwatch
COPY claims ./claims
COPY sources ./sources
RUN pip install .
COPY manage.py ./
COPY templates ./templates
COPY static ./static
RUN SECRET_KEY=build-only-not-a-secret-collectstatic-needs-fifty-characters python manage.py collectstatic --noinput -v0

USER conflictwatch
EXPOSE 8000
CMD ["gunicorn", "conflictwatch.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
