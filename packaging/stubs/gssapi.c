/* Stands in for MIT Kerberos's GSSAPI (libgssapi_krb5, 0.3 MB, with libkrb5, libk5crypto,
 * libkrb5support, libcom_err and libkeyutils that only it links, 1.5 MB in all) in the desktop
 * bundle. Qt Network links it for "Negotiate" (Kerberos) authentication to an HTTP server or
 * proxy; Qt Multimedia's Python module imports Qt Network, but MockInterview opens no network
 * connection. Every call fails with GSS_S_FAILURE (Qt's authenticator then gives up on that
 * method), and the one data symbol Qt takes, the host-based service name type, is a null OID.
 * The symbols carry MIT's version, gssapi_krb5_2_MIT (gssapi.map). */
#include <stddef.h>

typedef unsigned int OM_uint32;
#define GSS_S_FAILURE (13u << 16)
#define REFUSE(name) \
    OM_uint32 name(OM_uint32 *minor_status) { \
        if (minor_status) \
            *minor_status = 0; \
        return GSS_S_FAILURE; \
    }

const void *GSS_C_NT_HOSTBASED_SERVICE = NULL;
REFUSE(gss_acquire_cred)
REFUSE(gss_delete_sec_context)
REFUSE(gss_display_status)
REFUSE(gss_import_name)
REFUSE(gss_init_sec_context)
REFUSE(gss_release_buffer)
REFUSE(gss_release_cred)
REFUSE(gss_release_name)
