"""Signatures per the Standard Webhooks spec: the spec's own test vector, and what we send
verifies with the package's verifier and fails with anything changed."""

import datetime as dt

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from webhooks.signing import SECRET_PREFIX, secret_new, signed_headers

# The example in the Standard Webhooks specification (and its reference libraries' tests).
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = '{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_the_spec_test_vector_is_reproduced():
    at = dt.datetime.fromtimestamp(SPEC_TIMESTAMP, tz=dt.UTC)
    headers = signed_headers(secrets=[SPEC_SECRET], message_id=SPEC_ID, body=SPEC_BODY, at=at)
    assert headers == {
        "webhook-id": SPEC_ID,
        "webhook-timestamp": str(SPEC_TIMESTAMP),
        "webhook-signature": SPEC_SIGNATURE,
    }


def test_what_we_sign_verifies_with_the_package_and_fails_when_tampered():
    secret = secret_new()
    body = '{"type":"claim.created","data":{"evidence":"Торецьк «взято» <b>"}}'
    headers = signed_headers(
        secrets=[secret], message_id="cw_1_1", body=body, at=dt.datetime.now(dt.UTC)
    )
    assert Webhook(secret).verify(body, headers)["data"]["evidence"].startswith("Торецьк")
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body.replace("created", "removed"), headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret_new()).verify(body, headers)


def test_secrets_are_fresh_and_in_the_spec_form():
    first, second = secret_new(), secret_new()
    assert first != second
    assert first.startswith(SECRET_PREFIX) and len(first) > 40


def test_two_secrets_give_two_signatures_each_verifying_with_the_package():
    current, previous = secret_new(), secret_new()
    body = '{"type":"review.added"}'
    headers = signed_headers(
        secrets=[current, previous], message_id="cw_2_1", body=body, at=dt.datetime.now(dt.UTC)
    )
    assert headers["webhook-signature"].count("v1,") == 2
    for secret in (current, previous):
        assert Webhook(secret).verify(body, headers) == {"type": "review.added"}
    with pytest.raises(WebhookVerificationError):
        Webhook(secret_new()).verify(body, headers)


def test_a_delivery_is_never_sent_unsigned():
    with pytest.raises(ValueError):
        signed_headers(secrets=[], message_id="cw_3_1", body="{}", at=dt.datetime.now(dt.UTC))
