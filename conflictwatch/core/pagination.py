from rest_framework.pagination import PageNumberPagination


class StablePageNumberPagination(PageNumberPagination):
    """Pages of 50 (up to 200 with ?page_size=); every list view fixes a total order."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
