/* Stands in for libSvtAv1Enc (AV1 encoding, 7 MB) inside PyAV's FFmpeg in the desktop bundle.
 *
 * FFmpeg links it even though MockInterview only ever encodes H.264 (libx264) and AAC, so the
 * library must load, but nothing may call it for real. Every call fails with SVT-AV1's
 * EB_ErrorInsufficientResources; FFmpeg's libsvtav1 wrapper then refuses to open the encoder
 * ("Error initializing encoder handle") and, with no handle made, never calls the rest. */
#define REFUSED ((int)0x80001000) /* EB_ErrorInsufficientResources */

int svt_av1_enc_init_handle(void **handle, void *app_data, void *config) {
    (void)app_data;
    (void)config;
    if (handle)
        *handle = 0;
    return REFUSED;
}
int svt_av1_enc_set_parameter(void) { return REFUSED; }
int svt_av1_enc_parse_parameter(void) { return REFUSED; }
int svt_av1_enc_init(void) { return REFUSED; }
int svt_av1_enc_stream_header(void) { return REFUSED; }
int svt_av1_enc_stream_header_release(void) { return REFUSED; }
int svt_av1_enc_send_picture(void) { return REFUSED; }
int svt_av1_enc_get_packet(void) { return REFUSED; }
void svt_av1_enc_release_out_buffer(void) {}
int svt_av1_enc_get_stream_info(void) { return REFUSED; }
int svt_av1_enc_deinit(void) { return REFUSED; }
int svt_av1_enc_deinit_handle(void) { return REFUSED; }
int svt_add_metadata(void) { return -1; }
void svt_metadata_array_free(void) {}
