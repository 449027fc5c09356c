"""Alerts: the staff outbox (enqueue), email composition and SMTP delivery (mailer).

The daemon calls ``enqueue_for_article`` / ``enqueue_health`` to queue alerts and
``send_due`` / ``digest_due`` / ``recover_after_crash`` to deliver them.
"""
