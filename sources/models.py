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
    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL)
    conflict = models.ForeignKey(
        "claims.Conflict", null=True, blank=True, on_delete=models.SET_NULL
    )
    active = models.BooleanField(default=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.title or self.url


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
        "claims.Conflict", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
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
