"""Sealing of booking submissions with the intake key pair (libsodium sealed boxes).

The public tier holds only the public key and can seal; only the staff tier,
holding the private keys, can open.
"""
