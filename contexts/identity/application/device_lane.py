from dataclasses import dataclass

from contexts.identity.ports.client_quota import ClientQuota
from contexts.identity.ports.device_tokens import DeviceTokens
from contexts.identity.ports.password_hasher import PasswordHasher
from contexts.identity.ports.sign_in_throttle import SignInThrottle


@dataclass(frozen=True)
class DeviceLane:
    """What a sign-in with a device token goes through instead of the limits of unknown clients
    (ADR 24): hashing of its own, and limits that a stolen token or accounts of an attacker's own
    meet, and the account's owner does not."""

    tokens: DeviceTokens
    passwords: PasswordHasher
    """Hashing of its own, which unknown clients cannot fill."""
    failures: SignInThrottle
    """Per account and token: a stolen token is worth a few guesses, not unlimited ones."""
    sign_ins: ClientQuota
    """Per account, successes too: a token for an account of one's own does not fill the lane."""
