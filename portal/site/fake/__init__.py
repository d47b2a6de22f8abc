"""Realistic fake content in bulk, for scale tests and the benchmark (`make_fake_content`)."""
