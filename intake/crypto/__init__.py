"""Sealing of booking submissions with the intake key pair (libsodium sealed boxes).

The public tier holds only the public key and can seal; only the staff tier,
holding the private keys, can open.

Pure: no Django, no settings; loaders take an ``env`` mapping. Which keys a
process uses, by tier and settings, is decided in ``intake.tier_keys``.
"""
