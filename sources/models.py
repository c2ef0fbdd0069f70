"""Where text comes from: outlets, feeds and articles."""

from django.db import models
from django.db.models import Q


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Feed(models.Model):
    """An RSS or Atom feed polled on its own interval; each new entry's page is fetched."""

    class Health(models.TextChoices):
        NEW = "new", "not polled yet"
        OK = "ok"
        FAILING = "failing"
        PAUSED = "paused"

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL)
    conflict = models.ForeignKey(
        "gazetteer.Conflict", null=True, blank=True, on_delete=models.SET_NULL
    )
    active = models.BooleanField(default=True)
    poll_interval_seconds = models.PositiveIntegerField(default=900)
    # Conditional GET: what the server sent last time, sent back so an unchanged feed
    # answers 304 with no body.
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    # When the feed is due again: its interval after a success, a growing backoff after
    # failures. Empty means due now.
    next_poll_at = models.DateTimeField(null=True, blank=True)
    entries_seen = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]
        constraints = [
            models.CheckConstraint(
                condition=Q(poll_interval_seconds__gte=60), name="feed_interval_at_least_60s"
            ),
        ]
        indexes = [models.Index(fields=["active", "next_poll_at"], name="feed_due_idx")]

    def __str__(self) -> str:
        return self.title or self.url

    @property
    def health(self) -> str:
        if not self.active:
            return self.Health.PAUSED
        if self.consecutive_failures:
            return self.Health.FAILING
        return self.Health.OK if self.last_success_at else self.Health.NEW


class Fetch(models.Model):
    """One URL to download and store as an article: given by a user, or a feed entry.

    The normalised URL is the natural key, so the same link from a form, the API and three
    feeds is fetched once, and a repeated task finds its work done.
    """

    class Status(models.TextChoices):
        PENDING = "pending"
        FETCHING = "fetching"
        STORED = "stored"
        FAILED = "failed"

    url = models.URLField(max_length=2000)
    normalized_url = models.CharField(max_length=2000, unique=True)
    feed = models.ForeignKey(
        Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="fetches"
    )
    conflict = models.ForeignKey(
        "gazetteer.Conflict", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the feed entry said (title, published, summary), used where the page lacks it.
    hints = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error_code = models.CharField(max_length=40, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    article = models.ForeignKey(
        "sources.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lease_token = models.CharField(max_length=64, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "fetching", "stored", "failed"]),
                name="fetch_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error=""), name="fetch_failure_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status="stored") | Q(article__isnull=False),
                name="fetch_stored_has_article",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "status_changed_at"], name="fetch_status_idx"),
            models.Index(fields=["feed", "-created_at"], name="fetch_feed_idx"),
        ]

    def __str__(self) -> str:
        return self.url


class ArticleQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status__in=[Article.Status.PENDING, Article.Status.EXTRACTING])


class Article(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        EXTRACTING = "extracting"
        EXTRACTED = "extracted"
        FAILED = "failed"

    class Origin(models.TextChoices):
        PASTE = "paste", "pasted text"
        API = "api", "API push"
        URL = "url", "fetched URL"
        FEED = "feed", "feed poll"
        BULK = "bulk", "bulk file"

    url = models.URLField(max_length=2000, blank=True, db_index=True)
    # sources.links.normalize_url(url): one article per page however it was linked.
    normalized_url = models.CharField(max_length=2000, blank=True)
    title = models.CharField(max_length=500)
    published = models.DateTimeField(db_index=True)
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    feed = models.ForeignKey(
        Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    # The conflict the submitter named; extraction detects it when empty.
    conflict = models.ForeignKey(
        "gazetteer.Conflict", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    # SHA-256 of the normalised text: the same story submitted twice is one article.
    content_hash = models.CharField(max_length=64, unique=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.PASTE)
    language = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    # Why extraction failed (status failed), or what it could not do (unsupported language,
    # text truncated) when it succeeded.
    status_reason = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    # When the extraction task was last handed to the broker; empty while an enqueue has
    # failed (broker down), which is how the worker finds what to queue once it reconnects.
    queued_at = models.DateTimeField(null=True, blank=True)
    # The task holding the `extracting` lease: a redelivery of the same message (its worker
    # died) takes the work over at once instead of waiting for the lease to run out.
    lease_token = models.CharField(max_length=64, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    # The earlier article this one nearly repeats (a wire story re-run by another outlet):
    # both are kept, and the link lets counts of corroboration leave the copy out.
    near_duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="near_duplicates"
    )
    near_duplicate_score = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "extracting", "extracted", "failed"]),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(status_reason=""),
                name="article_failure_has_reason",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
            models.UniqueConstraint(
                fields=["normalized_url"],
                condition=~Q(normalized_url=""),
                name="article_normalized_url_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "status_changed_at"], name="article_status_idx"),
            models.Index(
                fields=["created_at"],
                condition=Q(status="pending", queued_at__isnull=True),
                name="article_unqueued_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title
