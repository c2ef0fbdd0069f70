"""Pages, by subdomain: `settlements` (search and a settlement's page) and `review` (the
editor's queue, verdicts, bulk confirm and corrections). claims/urls.py routes to each."""
