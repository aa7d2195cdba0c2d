/* Stands in for libvpx (VP8 and VP9 through libvpx, 2.3 MB) inside PyAV's FFmpeg in the desktop
 * bundle.
 *
 * FFmpeg decodes VP8 and VP9 with its own decoders ("vp8", "vp9"), which come before the libvpx
 * wrappers in its codec list, so a file is never decoded through libvpx unless the decoder is
 * named; MockInterview encodes H.264 and AAC only. So the library must load, but nothing may call
 * it for real: every codec set-up fails with VPX_CODEC_ERROR, and FFmpeg refuses the named
 * libvpx encoder or decoder ("Failed to initialize ...") instead of using it. The capabilities
 * answer 0 (no high bit depth): FFmpeg asks while it lists its codecs. */
#include <stddef.h>

#define VPX_CODEC_ERROR 1

static const char unavailable[] = "VP8/VP9 through libvpx is not part of this build";

const void *vpx_codec_vp8_cx(void) { return NULL; }
const void *vpx_codec_vp8_dx(void) { return NULL; }
const void *vpx_codec_vp9_cx(void) { return NULL; }
const void *vpx_codec_vp9_dx(void) { return NULL; }
long vpx_codec_get_caps(const void *iface) {
    (void)iface;
    return 0;
}
int vpx_codec_dec_init_ver(void) { return VPX_CODEC_ERROR; }
int vpx_codec_enc_init_ver(void) { return VPX_CODEC_ERROR; }
int vpx_codec_enc_config_default(void) { return VPX_CODEC_ERROR; }
int vpx_codec_enc_config_set(void) { return VPX_CODEC_ERROR; }
int vpx_codec_control_(void) { return VPX_CODEC_ERROR; }
int vpx_codec_decode(void) { return VPX_CODEC_ERROR; }
int vpx_codec_encode(void) { return VPX_CODEC_ERROR; }
int vpx_codec_destroy(void) { return VPX_CODEC_ERROR; }
int vpx_codec_set_frame_buffer_functions(void) { return VPX_CODEC_ERROR; }
const void *vpx_codec_get_cx_data(void) { return NULL; }
void *vpx_codec_get_frame(void) { return NULL; }
void *vpx_img_wrap(void) { return NULL; }
int vpx_codec_version(void) { return 0; }
const char *vpx_codec_version_str(void) { return unavailable; }
const char *vpx_codec_build_config(void) { return unavailable; }
const char *vpx_codec_err_to_string(void) { return unavailable; }
const char *vpx_codec_error(void) { return unavailable; }
const char *vpx_codec_error_detail(void) { return unavailable; }
