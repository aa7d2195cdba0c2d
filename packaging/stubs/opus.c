/* Stands in for libopus (0.4 MB) inside PyAV's FFmpeg in the desktop bundle.
 *
 * FFmpeg decodes Opus with its own decoder ("opus"), which comes before the libopus wrapper in
 * its codec list; MockInterview encodes H.264 and AAC only. Creating a decoder or an encoder
 * answers NULL with OPUS_UNIMPLEMENTED, so FFmpeg refuses the named libopus codec instead of
 * using it. */
#include <stddef.h>

#define OPUS_UNIMPLEMENTED (-5)

static void *refuse(int *error) {
    if (error) *error = OPUS_UNIMPLEMENTED;
    return NULL;
}

/* The creators' last argument is the error out-parameter (after 6 or 8 others). */
void *opus_multistream_decoder_create(int rate, int channels, int streams, int coupled,
                                      const unsigned char *mapping, int *error) {
    (void)rate, (void)channels, (void)streams, (void)coupled, (void)mapping;
    return refuse(error);
}
void *opus_multistream_encoder_create(int rate, int channels, int streams, int coupled,
                                      const unsigned char *mapping, int application,
                                      int *error) {
    (void)rate, (void)channels, (void)streams, (void)coupled, (void)mapping, (void)application;
    return refuse(error);
}
void *opus_multistream_surround_encoder_create(int rate, int channels, int family,
                                               int *streams, int *coupled,
                                               unsigned char *mapping, int application,
                                               int *error) {
    (void)rate, (void)channels, (void)family, (void)streams, (void)coupled, (void)mapping;
    (void)application;
    return refuse(error);
}
int opus_multistream_decode(void) { return OPUS_UNIMPLEMENTED; }
int opus_multistream_decode_float(void) { return OPUS_UNIMPLEMENTED; }
int opus_multistream_decoder_ctl(void) { return OPUS_UNIMPLEMENTED; }
void opus_multistream_decoder_destroy(void) {}
int opus_multistream_encode(void) { return OPUS_UNIMPLEMENTED; }
int opus_multistream_encode_float(void) { return OPUS_UNIMPLEMENTED; }
int opus_multistream_encoder_ctl(void) { return OPUS_UNIMPLEMENTED; }
void opus_multistream_encoder_destroy(void) {}
const char *opus_strerror(int error) {
    (void)error;
    return "Opus through libopus is not part of this build";
}
