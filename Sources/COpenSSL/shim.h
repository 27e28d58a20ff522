#ifndef HARBORMASTER_COPENSSL_SHIM_H
#define HARBORMASTER_COPENSSL_SHIM_H

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>

// SSL_CTX_set_min_proto_version is a macro over SSL_CTX_ctrl, which Swift does not import.
static inline long COpenSSL_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_min_proto_version(ctx, version);
}

#endif
