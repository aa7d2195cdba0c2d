/* Stands in for GnuTLS (with nettle, hogweed, gmp and libunistring, 5.5 MB), which PyAV's FFmpeg
 * links for https:// and other TLS network streams. MockInterview opens local files and devices
 * only, so the library must load but nothing may call it for real. Every call fails with
 * GNUTLS_E_INTERNAL_ERROR (FFmpeg ignores the failing gnutls_global_init at start-up, and a TLS
 * stream would fail to open with a clear error); the symbols carry GnuTLS's version, GNUTLS_3_4,
 * as FFmpeg imports them (gnutls.map). */
#include <stddef.h>

#define GNUTLS_E_INTERNAL_ERROR (-59)
#define REFUSE(name) \
    int name(void) { return GNUTLS_E_INTERNAL_ERROR; }

const char *gnutls_strerror(int error) {
    (void)error;
    return "TLS (GnuTLS) is not part of this build";
}
const void *gnutls_certificate_get_peers(void) { return NULL; }
int gnutls_error_is_fatal(int error) {
    (void)error;
    return 1;
}
REFUSE(gnutls_bye)
REFUSE(gnutls_certificate_allocate_credentials)
REFUSE(gnutls_certificate_free_credentials)
REFUSE(gnutls_certificate_set_verify_flags)
REFUSE(gnutls_certificate_set_x509_key)
REFUSE(gnutls_certificate_set_x509_key_file)
REFUSE(gnutls_certificate_set_x509_key_mem)
REFUSE(gnutls_certificate_set_x509_system_trust)
REFUSE(gnutls_certificate_set_x509_trust_file)
REFUSE(gnutls_certificate_type_get)
REFUSE(gnutls_certificate_verify_peers2)
REFUSE(gnutls_credentials_set)
REFUSE(gnutls_deinit)
REFUSE(gnutls_dtls_get_data_mtu)
REFUSE(gnutls_dtls_set_mtu)
REFUSE(gnutls_global_deinit)
REFUSE(gnutls_global_init)
REFUSE(gnutls_handshake)
REFUSE(gnutls_init)
REFUSE(gnutls_record_recv)
REFUSE(gnutls_record_send)
REFUSE(gnutls_sec_param_to_pk_bits)
REFUSE(gnutls_server_name_set)
REFUSE(gnutls_set_default_priority)
REFUSE(gnutls_srtp_get_keys)
REFUSE(gnutls_srtp_set_profile)
REFUSE(gnutls_transport_set_ptr)
REFUSE(gnutls_transport_set_pull_function)
REFUSE(gnutls_transport_set_pull_timeout_function)
REFUSE(gnutls_transport_set_push_function)
REFUSE(gnutls_x509_crt_check_hostname)
REFUSE(gnutls_x509_crt_deinit)
REFUSE(gnutls_x509_crt_export)
REFUSE(gnutls_x509_crt_get_fingerprint)
REFUSE(gnutls_x509_crt_import)
REFUSE(gnutls_x509_crt_init)
REFUSE(gnutls_x509_crt_set_activation_time)
REFUSE(gnutls_x509_crt_set_dn)
REFUSE(gnutls_x509_crt_set_expiration_time)
REFUSE(gnutls_x509_crt_set_issuer_dn)
REFUSE(gnutls_x509_crt_set_key)
REFUSE(gnutls_x509_crt_set_serial)
REFUSE(gnutls_x509_crt_set_version)
REFUSE(gnutls_x509_crt_sign2)
REFUSE(gnutls_x509_privkey_deinit)
REFUSE(gnutls_x509_privkey_export)
REFUSE(gnutls_x509_privkey_generate)
REFUSE(gnutls_x509_privkey_import)
REFUSE(gnutls_x509_privkey_init)
