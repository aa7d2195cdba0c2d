/* Stands in for libaom (AV1, 8 MB), which only OpenCV's AVIF image codec (libavif) links in the
 * desktop bundle. MockInterview never reads or writes an image file through OpenCV (it uses cv2
 * for the camera, colour conversion, resizing and drawing), so the library must load but nothing
 * may call it for real. Every call fails with AOM_CODEC_ERROR or returns NULL; libavif then
 * reports that it cannot start its AV1 codec, and cv2 that it cannot read or write the image. */
#include <stddef.h>

#define AOM_CODEC_ERROR 1

static const char unavailable[] = "AV1 (libaom) is not part of this build";

const void *aom_codec_av1_cx(void) { return NULL; }
const void *aom_codec_av1_dx(void) { return NULL; }
int aom_codec_dec_init_ver(void) { return AOM_CODEC_ERROR; }
int aom_codec_enc_init_ver(void) { return AOM_CODEC_ERROR; }
int aom_codec_enc_config_default(void) { return AOM_CODEC_ERROR; }
int aom_codec_enc_config_set(void) { return AOM_CODEC_ERROR; }
int aom_codec_control(void) { return AOM_CODEC_ERROR; }
int aom_codec_set_option(void) { return AOM_CODEC_ERROR; }
int aom_codec_decode(void) { return AOM_CODEC_ERROR; }
int aom_codec_encode(void) { return AOM_CODEC_ERROR; }
int aom_codec_destroy(void) { return AOM_CODEC_ERROR; }
const void *aom_codec_get_cx_data(void) { return NULL; }
void *aom_codec_get_frame(void) { return NULL; }
void *aom_img_alloc(void) { return NULL; }
void aom_img_free(void) {}
int aom_codec_version(void) { return 0; }
const char *aom_codec_version_str(void) { return unavailable; }
const char *aom_codec_err_to_string(void) { return unavailable; }
const char *aom_codec_error(void) { return unavailable; }
const char *aom_codec_error_detail(void) { return unavailable; }
