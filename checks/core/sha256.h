/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SHA-256 (FIPS 180-4), for the backup manifest: small and dependency-free. */
#ifndef PW_SHA256_H
#define PW_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct pw_sha256 {
	uint32_t state[8];
	uint64_t length; /* bytes hashed so far */
	unsigned char block[64];
	size_t used;
};

void pw_sha256_init(struct pw_sha256 *h);
void pw_sha256_update(struct pw_sha256 *h, const void *data, size_t len);
void pw_sha256_final(struct pw_sha256 *h, unsigned char digest[32]);
/* Hash a buffer and write 64 lowercase hex digits and a NUL. */
void pw_sha256_hex(const void *data, size_t len, char hex[65]);

#endif /* PW_SHA256_H */
