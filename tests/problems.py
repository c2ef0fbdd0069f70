"""Reading the API's errors (RFC 9457 problem details) in tests."""

PROBLEM_TYPE = "application/problem+json"


def problem(response) -> dict:
    """The problem body, after checking it is one."""
    assert response["Content-Type"].startswith(PROBLEM_TYPE), response["Content-Type"]
    body = response.json()
    assert body["status"] == response.status_code
    return body


def named(response) -> set[str]:
    """What the error names: the fields or query parameters at fault, or "detail" alone
    when it names none."""
    return set(problem(response).get("errors") or {"detail": None})


def errors_of(response, field: str) -> list[str]:
    return problem(response)["errors"][field]
