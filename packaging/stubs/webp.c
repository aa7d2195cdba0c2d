/* Stands in for libwebp (WebP encoding, 0.8 MB with libsharpyuv, which only it links) inside
 * PyAV's FFmpeg in the desktop bundle.
 *
 * FFmpeg decodes WebP with its own decoder; it links libwebp for its "libwebp" encoders only,
 * and MockInterview encodes H.264 and AAC only. Initialising a configuration or a picture
 * answers 0 (failure), so FFmpeg refuses the encoder instead of encoding; the clean-up calls do
 * nothing. */
#include <stddef.h>

int WebPConfigInitInternal(void) { return 0; }
int WebPValidateConfig(void) { return 0; }
int WebPPictureInitInternal(void) { return 0; }
void WebPPictureFree(void) {}
int WebPEncode(void) { return 0; }
void WebPCleanupTransparentArea(void) {}
void WebPFree(void) {}
int WebPMemoryWrite(void) { return 0; }
void WebPMemoryWriterInit(void) {}
void WebPMemoryWriterClear(void) {}
